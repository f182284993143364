/**
 * The bully election (Garcia-Molina, "Elections in a distributed computing system", IEEE ToC 1982;
 * more-protocols.md §4), with heartbeats watched by a failure detector (fixed timeout or φ accrual,
 * src/core/detectors): the highest-ranked live node takes over and announces itself coordinator.
 * Ranks are node ids, or scores = priority + health − load that change during a run. Its records
 * (election, answer, coordinator, adopt, score, and the detectors' watch, heartbeat, suspect,
 * unsuspect) are listed in `recordKinds`; the election logic itself is reusable (election.ts).
 */
import { DETECTOR_RECORD_KINDS } from '../../detectors/records';
import type { Protocol } from '../../protocol';
import type { NodeId } from '../../types';
import { BULLY_BUGS } from './bugs';
import type { BullyConfig } from './config';
import { ELECTION_RECORD_KINDS } from './election';
import { bullySafety } from './invariants';
import { describeMessage, MESSAGE_TYPES, messageType, type BullyMessage } from './messages';
import { BULLY_ROLES, cloneState, initState, inspectNode, persistentOf, recoverState, summaryOf, type BullyPersistent, type BullyState } from './state';
import { CHECK_MIN_MS, step } from './step';

export { BULLY_DEFAULTS, BULLY_BUG_IDS, RANK_MODES, bullyConfig, bullyConfigSchema, type BullyBug, type BullyConfig, type RankMode } from './config';
export type { BullyMessage, ElectionMessage } from './messages';
export type { BullyDetail, BullyPersistent, BullyRole, BullyState } from './state';
export { BULLY_PROPERTIES, BullySafetyMonitor } from './invariants';

/** bully is the bully protocol for the registry: coordinator-led, no epoch (nothing fences an old coordinator). */
export const bully: Protocol<BullyState, BullyMessage, BullyPersistent, BullyConfig> = {
  name: 'bully',
  init: (id: NodeId, nodes: readonly NodeId[], config: BullyConfig) => initState(id, nodes, config),
  persistent: persistentOf,
  recover: recoverState,
  step,
  cloneState,
  summary: summaryOf,
  inspect: inspectNode,
  messageType: (m: BullyMessage) => messageType(m),
  describeMessage,
  minTimerDelayMs: (c: BullyConfig) => Math.min(CHECK_MIN_MS, c.heartbeatMs, c.answerTimeoutMs, c.coordinatorTimeoutMs),
  safety: bullySafety,
  teachingBugs: BULLY_BUGS,
  leaderRole: 'coordinator',
  roles: BULLY_ROLES,
  timeoutAction: { title: 'Start an election', description: 'The node starts a bully election now, as if it had suspected its coordinator (Garcia-Molina 1982, rule 1).' },
  epochName: null,
  hasLog: false,
  messageTypes: MESSAGE_TYPES,
  recordKinds: [
    ...ELECTION_RECORD_KINDS,
    { kind: 'score', title: 'a node’s health or load changes', fields: { health: 'its new health (when it changed)', load: 'its new load (when it changed)', score: 'its score now' } },
    ...DETECTOR_RECORD_KINDS,
  ],
  nodeActions: [
    {
      id: 'set-load',
      title: 'Set load (0 ↔ 100)',
      description: 'Switch the node’s load between 0 and 100 (a timeline input with args {"value": 40} sets any load); in score mode the score is priority + health − load, and the highest score takes over (issue 14 §2).',
    },
    {
      id: 'set-health',
      title: 'Set health (100 ↔ 20)',
      description: 'Switch the node’s health between 100 and 20 (args {"value": 70} sets any); in score mode a sick node ranks lower and hands over.',
    },
  ],
};
