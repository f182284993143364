/**
 * The membership list and its dissemination (Das et al. 2002, §4.1–§4.2, with memberlist's
 * incarnation rules, `state.go`): applying one update, refuting a suspicion of oneself, and the
 * piggyback buffer, in which each update rides on λ·⌈log₁₀(n+1)⌉ messages, fewest-sent first.
 */
import type { StepEnv } from '../../protocol';
import { retransmits } from './config';
import type { SwimMessage, Update } from './messages';
import type { SwimState } from './state';

/** How a member learned of a change, for the `membership` record. */
export type Via = 'probe' | 'gossip' | 'timeout' | 'join' | 'leave';

/** suspicionTimer names the suspicion timer of `member`. */
export const suspicionTimer = (member: string): string => `suspect:${member}`;

/** enqueue puts `u` in the piggyback buffer, replacing any older update about the same member. */
export function enqueue(s: SwimState, u: Update): void {
  s.buffer = s.buffer.filter((q) => q.update.member !== u.member);
  s.buffer.unshift({ update: { ...u }, sent: 0 });
}

/**
 * piggyback takes up to `config.piggyback` updates for one message, fewest-sent first, counts the
 * send, and drops each update once sent λ·⌈log₁₀(n+1)⌉ times (§4.1).
 */
export function piggyback(s: SwimState): Update[] {
  if (s.buffer.length === 0) return [];
  const limit = retransmits(s.config, s.members.size + 1);
  const picked = [...s.buffer].sort((a, b) => a.sent - b.sent).slice(0, s.config.piggyback);
  for (const q of picked) q.sent++;
  s.buffer = s.buffer.filter((q) => q.sent < limit);
  return picked.map((q) => ({ ...q.update }));
}

/** set writes a member's new entry, records it, re-gossips it and arms or clears its suspicion timer. */
function set(s: SwimState, u: Update, via: Via, env: StepEnv<SwimMessage>): void {
  s.members.set(u.member, { state: u.state, inc: u.inc, since: env.now });
  env.record('membership', { member: u.member, state: u.state, incarnation: u.inc, via });
  enqueue(s, u);
  if (u.state === 'suspect') env.setTimer(suspicionTimer(u.member), s.config.suspicionTimeoutMs);
  else env.clearTimer(suspicionTimer(u.member));
}

/**
 * refute answers a suspicion or death of this node itself (§4.2): it raises its incarnation above
 * the accusation's and gossips itself alive. A node that left does not refute.
 */
export function refute(s: SwimState, accused: string, accusedInc: number, env: StepEnv<SwimMessage>): void {
  if (s.role === 'left') return;
  s.inc = Math.max(s.inc + 1, accusedInc + 1);
  env.record('refutation', { incarnation: s.inc, accused, accusedIncarnation: accusedInc });
  enqueue(s, { member: s.id, state: 'alive', inc: s.inc });
}

/**
 * apply applies one update to the list, per memberlist's table: `alive` when its incarnation is
 * higher than known (or the member is new), `suspect` when at least as high and the member is
 * alive, `dead` when at least as high and the member is not dead already. An update about this
 * node itself that suspects or buries it is refuted. Teaching bug `ignore-incarnation`: a suspect
 * member stays suspect whatever alive incarnation comes.
 * @returns whether the list changed.
 */
export function apply(s: SwimState, u: Update, via: Via, env: StepEnv<SwimMessage>): boolean {
  if (u.member === s.id) {
    if (u.state !== 'alive' && u.inc >= s.inc && s.role === 'member') refute(s, u.state, u.inc, env);
    return false;
  }
  if (u.state === 'alive') s.heardAlive.set(u.member, Math.max(s.heardAlive.get(u.member) ?? -1, u.inc));
  const m = s.members.get(u.member);
  if (!m) {
    if (u.state === 'dead') return false;
    set(s, u, via, env);
    return true;
  }
  let applies: boolean;
  if (u.state === 'alive') applies = u.inc > m.inc && !(m.state === 'suspect' && s.config.bugs.includes('ignore-incarnation'));
  else if (u.state === 'suspect') applies = m.state !== 'dead' && (u.inc > m.inc || (u.inc === m.inc && m.state === 'alive'));
  else applies = u.inc > m.inc || (u.inc === m.inc && m.state !== 'dead');
  if (applies) set(s, u, via, env);
  return applies;
}

/** applyAll applies every piggybacked update of a message. */
export function applyAll(s: SwimState, updates: readonly Update[], env: StepEnv<SwimMessage>): void {
  for (const u of updates) apply(s, u, 'gossip', env);
}
