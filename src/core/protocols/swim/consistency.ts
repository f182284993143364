/**
 * SWIM's consistency model, completeness (Das et al. 2002, §2: "every failed member is eventually
 * detected by every non-faulty member"), judged on the finished run: every node crashed now is
 * marked dead in the list of every live member that knows it, once faults have been quiet long
 * enough for the slowest detection (a full round-robin pass, §4.3) plus the suspicion timeout.
 */
import type { ConsistencyInput, ConsistencyResult, ConsistencySpec } from '../plugin';
import type { NodeId } from '../../types';
import { swimConfig, type SwimConfig } from './config';
import type { Member, SwimDetail, SwimState } from './state';

/**
 * graceMs is how long (virtual ms) after the last fault a crashed member may still be undeclared:
 * two round-robin passes over `n` members (§4.3: every member probes each other once a pass), the
 * suspicion timeout, and a margin of slow links.
 */
export function graceMs(config: SwimConfig, n: number, maxLatencyMs: number): number {
  return (2 * n + 2) * config.periodMs + config.suspicionTimeoutMs + 8 * maxLatencyMs;
}

/** listOf gives node `id`'s role and membership list, from its live state or its detail. */
function listOf(input: ConsistencyInput, id: NodeId): { role: string; members: ReadonlyMap<NodeId, Member> } {
  const s = input.view.state(id) as SwimState | undefined;
  if (s && s.members instanceof Map) return { role: s.role, members: s.members };
  const d = input.view.inspect(id).protocolDetail as SwimDetail;
  return { role: d.role, members: new Map(d.members.map((m) => [m.member, m])) };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** checkCompleteness judges a run (see the module comment): `unknown` before the end or within the grace time. */
export function checkCompleteness(input: ConsistencyInput): ConsistencyResult {
  const crashed = input.scenario.nodes.filter((n) => !input.live.includes(n));
  const operations = crashed.length;
  if (!input.final) return { verdict: 'unknown', reason: 'completeness is judged on the finished run: a crash may still be on its way to being detected', operations };
  const config = swimConfig(input.scenario.config as Partial<SwimConfig>);
  let disturbed = 0;
  for (const a of input.scenario.timeline) if (a.at <= input.now && a.action !== 'request') disturbed = Math.max(disturbed, a.at);
  const grace = graceMs(config, input.scenario.nodes.length, input.scenario.network.latencyMs[1]);
  const misses: string[] = [];
  const nodes = new Set<NodeId>();
  for (const id of input.live) {
    if (input.deadline?.()) return { verdict: 'unknown', reason: 'the check ran out of time', operations };
    const { role, members } = listOf(input, id);
    if (role !== 'member') continue;
    for (const c of crashed) {
      const m = members.get(c);
      if (m && m.state !== 'dead') {
        misses.push(`${id} still holds ${c} ${m.state}`);
        nodes.add(id).add(c);
      }
    }
  }
  if (misses.length === 0) return { verdict: 'ok', operations, detail: crashed.length ? `${plural(crashed.length, 'crashed node')} marked dead by every live member` : 'no node is crashed' };
  const quiet = input.now - disturbed;
  const words = misses.slice(0, 3).join(', ') + (misses.length > 3 ? ` and ${misses.length - 3} more` : '');
  if (quiet < grace) return { verdict: 'unknown', reason: `${words}, ${(quiet / 1000).toFixed(1)} s after the last fault (detection may take up to ${(grace / 1000).toFixed(1)} s)`, operations };
  return { verdict: 'fail', reason: `crashed nodes never declared dead: ${words} (${(quiet / 1000).toFixed(1)} s after the last fault)`, operations, nodes: [...nodes], detail: plural(misses.length, 'undeclared crash') };
}

/** COMPLETENESS is SWIM's consistency spec. */
export const COMPLETENESS: ConsistencySpec = {
  id: 'completeness',
  title: 'Completeness',
  description: 'Every crashed node is eventually marked dead by every live member.',
  source: 'Das et al. 2002, §2 (strong completeness) and §4.2',
  check: checkCompleteness,
};
