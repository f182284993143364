/**
 * requestOutcome says in words what became of a request sent from the request form, from its
 * client's latest operation in the trace: ok (with the value a get read), failed (with why), or
 * unknown (the client timed out), and its latency in virtual ms. Pure; no React.
 */
import type { ClientOutcome, SentRequest } from '../store/types';

/** OutcomeState is how a request stands at the moment shown. */
export type OutcomeState = 'not-yet' | 'pending' | 'ok' | 'fail' | 'info';

/** opText names an operation as typed (core/describe.ts): `get x`, `put x 1`, `cas x 1→2`. */
export { opText } from '../../core/describe';

/**
 * requestOutcome describes `req` at virtual ms `now`, given its client's latest operation `out`
 * (undefined before the client invoked it).
 */
export function requestOutcome(req: SentRequest, out: ClientOutcome | undefined, now: number): { state: OutcomeState; text: string } {
  if (now < req.at) return { state: 'not-yet', text: `not sent yet at this moment (sent at ${fmt(req.at)} ms)` };
  if (!out || out.phase === 'invoke') return { state: 'pending', text: `waiting for a reply… (sent at ${fmt(req.at)} ms)` };
  const ms = `${fmt(out.t - out.invokedAt)} ms`;
  switch (out.phase) {
    case 'ok':
      if (req.op.f === 'get') return { state: 'ok', text: `ok: read ${out.result === null || out.result === undefined ? `nothing (${req.op.key} is absent)` : JSON.stringify(out.result)} · ${ms}` };
      return { state: 'ok', text: `ok${req.op.f === 'cas' ? ': swapped' : ''} · ${ms}` };
    case 'fail':
      return { state: 'fail', text: `failed${out.result ? `: ${String(out.result)}` : ''} (certainly no effect) · ${ms}` };
    case 'info':
      return { state: 'info', text: `unknown: no reply in time, it may or may not have taken effect · ${ms}` };
  }
}

const fmt = (ms: number) => ms.toLocaleString('en');
