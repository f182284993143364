/**
 * Bully's consistency model, coordinator agreement: in every group of live nodes that reach one
 * another, every node follows the group's highest-ranked node, and that node coordinates (the
 * outcome Garcia-Molina's election promises in the benign environment). A run still electing, or
 * whose last election change is younger than a grace period, is `unknown` rather than failed.
 * Its `extra` carries the failure detector's measures for the panel's plot (measures.ts).
 */
import type { ConsistencyInput, ConsistencyResult, ConsistencySpec } from '../plugin';
import type { NodeId } from '../../types';
import { isCoordinator, outranks } from './election';
import { settleMsOf } from './invariants';
import { configOf, detectorView } from './measures';
import { ownScore, type BullyDetail, type BullyState } from './state';
import { connectedGroups } from '../../check/groups';

/** Belief is what one node believes, read from its state (or its detail, from a worker host). */
interface Belief {
  coordinator: NodeId | null;
  coordinates: boolean;
  score: number;
}

function beliefOf(input: ConsistencyInput, id: NodeId): Belief {
  const s = input.view.state(id) as BullyState | undefined;
  if (s?.election) return { coordinator: s.election.coordinator, coordinates: isCoordinator(s.election), score: ownScore(s) };
  const d = input.view.inspect(id).protocolDetail as BullyDetail;
  return { coordinator: d.coordinator, coordinates: d.role === 'coordinator', score: d.score };
}

/** CHANGES are the records that change who follows whom (a coordinator re-announcing itself is none). */
const CHANGES = new Set(['election', 'adopt', 'score', 'suspect', 'unsuspect']);

/** checkAgreement judges coordinator agreement (see the module comment). */
export function checkAgreement(input: ConsistencyInput): ConsistencyResult {
  const config = configOf(input);
  const extra = detectorView(input);
  const beliefs = new Map(input.live.map((id) => [id, beliefOf(input, id)]));
  const ranks = { nodes: input.scenario.nodes, scores: Object.fromEntries([...beliefs].map(([id, b]) => [id, b.score])) };
  const wrong: string[] = [];
  const nodes = new Set<NodeId>();
  const groups = connectedGroups(input);
  for (const g of groups) {
    const best = g.reduce((a, b) => (outranks(ranks, b, a) ? b : a));
    if (!beliefs.get(best)!.coordinates) {
      wrong.push(`${best}, the highest-ranked of ${g.join(' ')}, does not coordinate`);
      nodes.add(best);
    }
    const astray = g.filter((id) => id !== best && beliefs.get(id)!.coordinator !== best);
    if (astray.length) {
      wrong.push(`${astray.map((id) => `${id} follows ${beliefs.get(id)!.coordinator ?? 'nobody'}`).join(', ')} rather than ${best}`);
      for (const id of astray) nodes.add(id);
    }
  }
  const operations = input.records.filter((r) => r.kind === 'election').length;
  const detail = `${groups.length} group${groups.length === 1 ? '' : 's'} of live nodes, ${operations} elections`;
  if (wrong.length === 0) return { verdict: 'ok', operations, detail, extra };
  const last = input.records.reduce((t, r) => (CHANGES.has(r.kind) ? Math.max(t, r.t) : t), 0);
  const grace = 2 * settleMsOf(config) + (config.detector === 'fixed' ? config.detectorTimeoutMs : config.phiAcceptablePauseMs + 10 * config.heartbeatMs);
  const reason = `${wrong.join('; ')}.`;
  if (!input.final || input.now - last < grace) return { verdict: 'unknown', reason: `still settling: ${reason}`, operations, detail, nodes: [...nodes], extra };
  return { verdict: 'fail', reason, operations, detail, nodes: [...nodes], extra };
}

/** COORDINATOR_AGREEMENT is bully's consistency spec. */
export const COORDINATOR_AGREEMENT: ConsistencySpec = {
  id: 'coordinator-agreement',
  title: 'Coordinator agreement',
  description: 'In each group of live nodes that reach one another, every node follows the highest-ranked node, and it coordinates.',
  source: 'Garcia-Molina 1982 (bully, benign environment)',
  check: checkAgreement,
};
