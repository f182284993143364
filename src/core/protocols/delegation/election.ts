/**
 * Choosing the coordinator: the bully election by rank (Garcia-Molina 1982; rules as restated in
 * ../../../../shared/references/more-protocols.md §4), with epochs and a majority of reports so that
 * two coordinators never both commit. Rank is cluster order: the first node ranks highest.
 * - A follower whose failure detector (src/core/detectors) suspects the coordinator sends Election to
 *   every higher-ranked node; an Answer makes it wait for an Announce; none within the wait and it
 *   announces itself (rule 2). A node that receives Election from a lower rank answers and, unless it
 *   coordinates or is already electing, holds its own election (rule 4).
 * - An Announce carries a new epoch, one above every epoch the announcer followed. A node follows
 *   the highest epoch it has heard of (it refuses lower ones with a Reject) and replies with a
 *   Report of the tasks it holds, the effects it applied and the done-records it keeps.
 * - The announcer coordinates once a majority (itself included) reported, rebuilding its task table
 *   from the reports (rebuild.ts). Since every commit needs a majority too, a coordinator cut off in a
 *   minority commits nothing, and a new one sees every commit in the reports.
 */
import type { StepEnv } from '../../protocol';
import type { NodeId } from '../../types';
import { suspectAt } from '../../detectors/detector';
import { checkPeers, heardFrom, unwatchPeer, watchPeer } from '../../detectors/records';
import { closedBreaker } from './breaker';
import { patienceMs } from './config';
import type { DelegationMessage, Report } from './messages';
import { mergeReport, ownReport } from './rebuild';
import { majority, type DelegationState } from './state';

type Env = StepEnv<DelegationMessage>;

/** others lists every node but `s`. */
export const others = (s: DelegationState): NodeId[] => s.nodes.filter((n) => n !== s.id);

/** watch (re)arms the timer at which the follower's detector would suspect its coordinator, if no heartbeat comes first. */
export function watch(s: DelegationState, env: Env): void {
  const at = s.coordinator !== null && s.coordinator !== s.id ? suspectAt(s.fd, s.coordinator) : null;
  env.setTimer('watch', at === null ? patienceMs(s.config) : Math.max(1, Math.ceil(at - env.now)));
}

/** unwatchAll stops watching every peer (a new role watches others). */
function unwatchAll(s: DelegationState, env: Env): void {
  for (const p of Object.keys(s.fd.peers)) s.fd = unwatchPeer(s.fd, p, env);
}

/** reportOf gives this node's Report for `epoch`. */
export function reportOf(s: DelegationState, epoch: number): Report {
  return {
    type: 'Report',
    epoch,
    held: [...s.held.values()].map((h) => ({ spec: h.spec, token: h.token, status: h.status })),
    done: [...s.doneRecords.values()],
    applied: [...s.applied.values()],
  };
}

/** follow makes `s` a follower of `from` in `epoch` and sends it a Report; a coordinator or candidate steps down. */
export function follow(s: DelegationState, from: NodeId, epoch: number, env: Env): void {
  if (s.coord) stepDown(s, env);
  if (s.coordinator !== from) {
    unwatchAll(s, env);
    s.fd = watchPeer(s.fd, from, env);
  }
  s.fd = heardFrom(s.fd, from, env);
  s.promised = epoch;
  s.coordinator = from;
  s.role = 'follower';
  s.answered = false;
  env.clearTimer('election');
  watch(s, env);
  env.send(from, reportOf(s, epoch));
}

/** stepDown ends this node's coordination (a higher epoch exists): its table is dropped, the followers hold the tasks. */
export function stepDown(s: DelegationState, env: Env): void {
  if (!s.coord) return;
  env.note(`${s.id} steps down as coordinator of epoch ${s.coord.epoch}`);
  s.coord = null;
  s.role = 'follower';
  s.coordinator = null;
  env.clearTimer('heartbeat');
  env.clearTimer('tick');
  unwatchAll(s, env);
  watch(s, env);
}

/** onWatch: the detector may suspect the coordinator now (or none is known); then hold an election. */
export function onWatch(s: DelegationState, env: Env): void {
  if (s.role !== 'follower') return;
  const { state } = checkPeers(s.fd, env, { task: null, attempt: null });
  s.fd = state;
  if (s.coordinator === null || s.fd.suspected.includes(s.coordinator)) startElection(s, env);
  else watch(s, env);
}

/** suspectNow is the forced timeout: the follower suspects its coordinator at once and holds an election. */
export function suspectNow(s: DelegationState, env: Env): void {
  if (s.role !== 'follower') return;
  startElection(s, env);
}

/** startElection asks every higher-ranked node; with none, this node announces itself at once. */
export function startElection(s: DelegationState, env: Env): void {
  const higher = s.nodes.slice(0, s.nodes.indexOf(s.id));
  if (higher.length === 0) {
    announce(s, env);
    return;
  }
  s.role = 'electing';
  s.answered = false;
  for (const n of higher) env.send(n, { type: 'Election' });
  env.setTimer('election', 2 * s.config.ackTimeoutMs);
}

/** onElectionTimer: no Answer → announce; answered but no Announce, or a candidate without a majority → try again. */
export function onElectionTimer(s: DelegationState, env: Env): void {
  if (s.role === 'electing') {
    if (s.answered) startElection(s, env);
    else announce(s, env);
  } else if (s.role === 'candidate') {
    stepDown(s, env);
    startElection(s, env);
  }
}

/** announce makes this node a candidate in a new epoch: it asks every node to follow and report. */
export function announce(s: DelegationState, env: Env): void {
  const epoch = s.promised + 1;
  s.promised = epoch;
  s.role = 'candidate';
  s.coordinator = s.id;
  s.answered = false;
  const followers = new Map(others(s).map((n) => [n, { suspected: false, breaker: closedBreaker(), given: 0 }]));
  s.coord = { epoch, reported: [s.id], active: false, tasks: new Map(), followers, cursor: null, buckets: new Map(), shed: {} };
  unwatchAll(s, env);
  ownReport(s, env);
  env.record('announce', { epoch, task: null, attempt: null });
  for (const n of others(s)) env.send(n, { type: 'Announce', epoch });
  env.clearTimer('watch');
  env.setTimer('election', patienceMs(s.config));
  env.setTimer('heartbeat', s.config.heartbeatMs);
  maybeActivate(s, env);
}

/** onReport merges a follower's report into a coordinator's (or candidate's) table. */
export function onReport(s: DelegationState, from: NodeId, m: Report, env: Env): void {
  const c = s.coord;
  if (!c || m.epoch !== c.epoch) return;
  mergeReport(s, from, m, env);
  if (!c.reported.includes(from)) c.reported.push(from);
  maybeActivate(s, env);
}

/** maybeActivate makes a candidate the coordinator once a majority reported. */
function maybeActivate(s: DelegationState, env: Env): void {
  const c = s.coord!;
  if (c.active || c.reported.length < majority(s.nodes.length)) return;
  c.active = true;
  s.role = 'coordinator';
  env.clearTimer('election');
  env.note(`${s.id} coordinates epoch ${c.epoch}: ${c.reported.length} of ${s.nodes.length} nodes reported, ${c.tasks.size} tasks in the rebuilt table`);
  for (const n of others(s)) s.fd = watchPeer(s.fd, n, env);
  env.setTimer('tick', tickMs(s));
}

/** tickMs is how often the coordinator looks at its deadlines (virtual ms). */
export const tickMs = (s: DelegationState): number => Math.max(1, Math.min(25, Math.floor(s.config.heartbeatMs / 2)));

/** onElection: a lower-ranked node asks; answer it, and take over the election unless already busy. */
export function onElection(s: DelegationState, from: NodeId, env: Env): void {
  env.send(from, { type: 'Answer' });
  if (s.role === 'coordinator' && s.coord) env.send(from, { type: 'Heartbeat', epoch: s.coord.epoch });
  else if (s.role === 'follower') startElection(s, env);
}

/** onAnswer: a higher-ranked node is alive; wait for its Announce. */
export function onAnswer(s: DelegationState, env: Env): void {
  if (s.role !== 'electing') return;
  s.answered = true;
  env.setTimer('election', patienceMs(s.config));
}

/** onAnnounce follows a higher epoch (or the same coordinator again); refuses a lower one. */
export function onAnnounce(s: DelegationState, from: NodeId, epoch: number, env: Env): void {
  if (epoch > s.promised || (epoch === s.promised && s.coordinator === from && !s.coord)) follow(s, from, epoch, env);
  else env.send(from, { type: 'Reject', epoch: s.promised });
}

/** onReject: someone follows a higher epoch; a coordinator or candidate of a lower one steps down. */
export function onReject(s: DelegationState, epoch: number, env: Env): void {
  if (epoch <= s.promised) return;
  s.promised = epoch;
  stepDown(s, env);
}
