/**
 * Lease-lock's consistency model for storage, `fenced-writes`, judged from the trace's records and
 * the client history: storage's accepted writes come in lease order (their tokens never go down,
 * so no holder's write lands inside another's), every write a client was told succeeded was
 * accepted by storage, and every write storage rejected was reported to its client as failed.
 */
import type { ConsistencyInput, ConsistencyResult, ConsistencySpec } from '../plugin';

/** FENCED_WRITES is the consistency spec of the entry. */
export const FENCED_WRITES: ConsistencySpec = {
  id: 'fenced-writes',
  title: 'Fenced writes',
  description: 'Storage accepts writes in lease order (tokens never go down), and a client is told ok exactly for the writes storage accepted.',
  source: 'Kleppmann 2016 (fencing tokens)',
  check: (input) => checkFencedWrites(input),
};

/** checkFencedWrites judges the run so far. */
export function checkFencedWrites(input: Pick<ConsistencyInput, 'history' | 'records'>): ConsistencyResult {
  const accepted = input.records.filter((r) => r.kind === 'write-accepted');
  const rejected = new Set(input.records.filter((r) => r.kind === 'write-rejected').map((r) => String(r.value)));
  const stored = new Set(accepted.map((r) => String(r.value)));
  let highest = 0;
  for (const r of accepted) {
    const token = Number(r.token);
    if (token < highest) {
      return { verdict: 'fail', reason: `storage accepted ${String(r.holder)}'s write ${String(r.value)} with token ${token} after a write with token ${highest}`, operations: accepted.length, nodes: [r.node, String(r.holder)] };
    }
    highest = token;
  }
  let ops = 0;
  for (const h of input.history) {
    if (h.op.f !== 'write' || h.phase === 'invoke' || h.phase === 'info') continue;
    ops++;
    const v = String(h.op.value);
    if (h.phase === 'ok' && !stored.has(v)) return { verdict: 'fail', reason: `${h.client} was told its write ${v} succeeded, but storage never accepted it`, operations: ops };
    if (h.phase === 'fail' && stored.has(v) && !rejected.has(v)) return { verdict: 'fail', reason: `${h.client} was told its write ${v} failed, but storage accepted it`, operations: ops };
  }
  return { verdict: 'ok', operations: ops, detail: `${accepted.length} writes accepted, ${rejected.size} rejected; highest token ${highest}` };
}
