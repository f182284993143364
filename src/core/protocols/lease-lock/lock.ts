/**
 * A lock node's part (Chubby §2.3, §2.8; Kleppmann 2016). It promises the lease to one client at a
 * time and holds it for `leaseMs` on its own clock (timer `expire`); it confirms a token only above
 * the highest it has confirmed, so the tokens a majority confirms only grow; a renewal from the
 * holder extends the lease; a release or the timer frees it. Those it refuses wait in line, and a
 * freed lease goes to the first in line (waiters.ts, after ZooKeeper's lock recipe). Records
 * `vote`, `renew`, `release` and `expiry`.
 */
import type { StepEnv } from '../../protocol';
import type { NodeId } from '../../types';
import type { LeaseMessage } from './messages';
import { LEASE_HISTORY, type LeaseState } from './state';
import { joinLine, keepTimer, keptForAnother, leaveLine, offerNext } from './waiters';

type Env = StepEnv<LeaseMessage>;

/** free ends the lease this node holds for someone (`how` closes its span in the history) and offers it to the first in line. */
function free(s: LeaseState, env: Env, how: 'released' | 'expired' = 'released'): void {
  const span = s.leases[s.leases.length - 1];
  if (span && span.end === null && span.holder === s.promisedTo && span.token === s.token) {
    span.end = how;
    span.until = env.now;
  }
  s.promisedTo = null;
  s.req = 0;
  s.token = 0;
  env.clearTimer('expire');
  offerNext(s, env);
}

/** refuse turns `from`'s attempt `req` away and puts it in line (it keeps its place if it is in it). */
function refuse(s: LeaseState, from: NodeId, req: number, env: Env): void {
  const place = joinLine(s, from);
  const reserved = s.promisedTo === null;
  const holder = reserved ? s.keptFor! : s.promisedTo!;
  env.send(from, { type: 'Refuse', req, holder, until: reserved ? s.keptUntil : s.until, reserved, place });
}

/** hold (re)starts the lease for `client` for a lease from now, on this node's clock. */
function hold(s: LeaseState, env: Env): void {
  s.until = env.now + s.config.leaseMs;
  env.setTimer('expire', s.config.leaseMs);
}

/** lockStart re-arms a restarted lock node's lease timer for what is left of the lease it kept. */
export function lockStart(s: LeaseState, env: Env): void {
  if (s.promisedTo) env.setTimer('expire', Math.max(1, s.until - env.now));
}

/** lockTimer handles the lease timer (the lease ends here) and the keep timer (waiters.ts). */
export function lockTimer(s: LeaseState, name: string, env: Env): void {
  if (name === 'keep') return keepTimer(s, env);
  if (name !== 'expire' || !s.promisedTo) return;
  env.record('expiry', { holder: s.promisedTo, token: s.token });
  env.note(`${s.id}: ${s.promisedTo}'s lease${s.token ? ` (token ${s.token})` : ''} has expired`);
  free(s, env, 'expired');
}

/** lockMessage handles a client's message at a lock node. */
export function lockMessage(s: LeaseState, from: NodeId, m: LeaseMessage, env: Env): void {
  switch (m.type) {
    case 'Acquire':
      if (s.promisedTo === from && s.req === m.req) {
        env.send(from, { type: 'Promise', req: m.req, maxToken: s.maxToken }); // a duplicate
        return;
      }
      if (s.promisedTo === from) {
        // The holder asks again (a new attempt): its lease ends; with others waiting it goes to the back.
        if (s.token) env.record('release', { holder: from, token: s.token, reason: 'the holder asks again' });
        free(s, env);
      }
      if (s.promisedTo !== null || keptForAnother(s, from)) return refuse(s, from, m.req, env);
      leaveLine(s, from, env);
      s.promisedTo = from;
      s.req = m.req;
      s.token = 0;
      hold(s, env);
      env.send(from, { type: 'Promise', req: m.req, maxToken: s.maxToken });
      return;
    case 'Confirm':
      if (s.promisedTo !== from || s.req !== m.req) return;
      if (s.token === m.token) {
        env.send(from, { type: 'Confirmed', req: m.req, token: m.token }); // a duplicate
        return;
      }
      if (s.token !== 0 || m.token <= s.maxToken) return;
      s.maxToken = m.token;
      s.token = m.token;
      env.record('vote', { holder: from, token: m.token });
      s.leases = [...s.leases.slice(1 - LEASE_HISTORY), { holder: from, token: m.token, from: env.now, until: s.until, end: null }];
      env.send(from, { type: 'Confirmed', req: m.req, token: m.token });
      return;
    case 'Renew':
      if (s.promisedTo !== from || s.token !== m.token || m.token === 0) {
        env.send(from, { type: 'Lost', token: m.token, holder: s.promisedTo });
        return;
      }
      hold(s, env);
      if (s.leases.length && s.leases[s.leases.length - 1]!.token === m.token) s.leases[s.leases.length - 1]!.until = s.until;
      env.record('renew', { holder: from, token: m.token, until: s.until });
      env.send(from, { type: 'Renewed', token: m.token });
      return;
    case 'Release':
      if (s.promisedTo !== from || (m.token ? s.token !== m.token : s.req !== m.req)) return;
      if (s.token) env.record('release', { holder: from, token: s.token });
      free(s, env);
      return;
    default:
      return;
  }
}
