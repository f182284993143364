/**
 * Bully's look (Garcia-Molina 1982): the coordinator in the leader's colour, a candidate (in an
 * election) amber, members grey; ELECTION, ANSWER, COORDINATOR and Heartbeat glyphs; the
 * election's two waits drawn round the node; under each node the coordinator it follows and its
 * score (or its election round, when ranks are ids); the bully panel (ranks, the shared suspicion
 * matrix and detector plot) and a load/health/who request form.
 */
import type { NodeSummary } from '../../../core/types';
import type { NodeLineItem, UiPlugin } from '../types';
import { BullyPanel } from './BullyPanel';
import { BullyRequestForm } from './BullyRequestForm';
import { BULLY_DRAW_ORDER, BULLY_KINDS, classifyBully } from './kinds';

/** bullyNodeLine shows whom the node follows (`→ n5`, `→ self` for the coordinator) and its score, or its election round in id mode. */
export function bullyNodeLine(s: NodeSummary): readonly NodeLineItem[] {
  const f = s.fields ?? {};
  const out: NodeLineItem[] = [];
  if (s.role !== 'coordinator') out.push({ label: 'follows', value: f.coordinator ? String(f.coordinator) : '—' });
  if (typeof f.score === 'number' && f.score !== 0) out.push({ label: 'score', value: f.score });
  else if (typeof f.round === 'number') out.push({ label: 'round', value: f.round });
  return out;
}

export const bullyLook: UiPlugin = {
  roles: [
    { role: 'coordinator', label: 'coordinator', tone: 'leader', description: 'Believes it coordinates: it won an election (or heard no higher node answer) and announced itself' },
    { role: 'candidate', label: 'candidate', tone: 'candidate', description: 'In an election: waiting T for an ANSWER from a higher node, or T′ for its COORDINATOR' },
    { role: 'member', label: 'member', tone: 'follower', description: 'Follows the coordinator it last accepted and watches its heartbeats' },
  ],
  defaultRole: 'member',
  leaderWord: 'the coordinator',
  messageKinds: BULLY_KINDS,
  classify: classifyBully,
  drawOrder: BULLY_DRAW_ORDER,
  timers: [
    { name: 'answer-wait', label: 'T: waiting for an ANSWER from a higher node, then it takes over' },
    { name: 'coordinator-wait', label: 'T′: waiting for the COORDINATOR that should follow an ANSWER' },
  ],
  nodeLine: bullyNodeLine,
  epoch: null,
  persists: 'its health and load (its election starts afresh)',
  tolerance: (n) => `${n} nodes: any ${n - 1} may crash; a pause or a partition gives two coordinators (no epochs, no fencing)`,
  panel: BullyPanel,
  requestForm: BullyRequestForm,
  routineWords: 'heartbeats',
};
