/**
 * Storage's part: the resource the lock protects. With fencing on it rejects a write whose token is
 * lower than the highest it has accepted (Kleppmann 2016; Chubby's CheckSequencer, §2.4), so a
 * holder whose lease ran out while it was paused cannot overwrite its successor's work. Without
 * fencing (config `fencing: false`, or the `no-fencing` bug) it takes every write. Records
 * `write-accepted` and `write-rejected`; a duplicated Write is answered alike and stored once.
 */
import type { StepEnv } from '../../protocol';
import type { NodeId } from '../../types';
import { fenced } from './config';
import type { LeaseMessage, Write } from './messages';
import type { LeaseState } from './state';

/** storageWrite handles a client's Write. */
export function storageWrite(s: LeaseState, from: NodeId, m: Write, env: StepEnv<LeaseMessage>): void {
  const key = `${from}#${m.op}`;
  const seen = s.answered.get(key);
  if (seen) {
    env.send(from, { type: 'WriteReply', op: m.op, token: m.token, ok: seen.ok, highest: s.highest });
    return;
  }
  const ok = !(fenced(s.config) && m.token < s.highest);
  if (ok) {
    s.highest = Math.max(s.highest, m.token);
    s.value = m.value;
    env.record('write-accepted', { holder: from, token: m.token, value: m.value });
  } else {
    env.record('write-rejected', { holder: from, token: m.token, highest: s.highest, value: m.value });
    env.note(`${s.id} rejects ${from}'s write: token ${m.token} is below ${s.highest}, the highest it has seen`);
  }
  s.writes.push({ t: env.now, holder: from, token: m.token, value: m.value, ok });
  s.answered.set(key, { ok, token: m.token });
  env.send(from, { type: 'WriteReply', op: m.op, token: m.token, ok, highest: s.highest });
}
