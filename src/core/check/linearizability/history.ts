/**
 * Histories for the linearizability checker: one Operation per client call, with the interval in
 * which it was open, its input and its output (or "unknown"), in the terms of Herlihy & Wing 1990
 * and Porcupine's `Operation` (github.com/anishathalye/porcupine).
 *
 * Everything here is plain data (structured-cloneable, JSON-friendly except `Infinity`), so a
 * history can cross a Web Worker boundary as is.
 */
import type { ClientPhase, TraceRecord } from '../../trace';
import type { ClientId, KvOp, VirtualMs } from '../../types';

/**
 * Operation is one call of a client, as the checker sees it.
 * - `id`: unique within its history; results name ops by this id;
 * - `client`: who called it (a client or Jepsen process id); only for display;
 * - `call` / `return`: when it was invoked and when its response arrived, in the history's time unit
 *   (virtual ms for simulator traces, line numbers for Jepsen/Porcupine logs). `return` is
 *   `Infinity` for an op whose outcome is unknown (Jepsen `:info`): it stays open until after the
 *   end of the history, so it may take effect at any time after its call, or never;
 * - `input`: what was asked;
 * - `output`: what was answered, or `undefined` when unknown (then any output is accepted).
 *   A model's output type therefore never includes `undefined`.
 * When a call and a return have the same time, the call is ordered first (Porcupine).
 */
export interface Operation<I, O> {
  id: number;
  client: string;
  call: number;
  return: number;
  input: I;
  output: O | undefined;
}

/** History is the list of operations of a run, in any order (the checker sorts them by time). */
export type History<I, O> = Operation<I, O>[];

/**
 * KvOutput is what a key-value op answered (src/core/kv.ts `applyOp`):
 * - get: `{ok: true, value}`, value null when the key was absent;
 * - put / append: `{ok: true}`;
 * - cas: `{ok: true}` when it wrote, `{ok: false}` when the current value did not equal `expected`.
 * `{ok: false}` on any other op means it took no effect.
 */
export interface KvOutput {
  ok: boolean;
  value?: string | null;
}

/** KvHistory is a history of key-value ops, as `historyFromTrace` builds and `kvModel` checks. */
export type KvHistory = History<KvOp, KvOutput>;

/**
 * partitionHistory splits `history` by `keyOf(op.input)`, keeping each part in input order, for
 * P-compositionality: a history is linearizable iff each key's part is (Herlihy & Wing 1990,
 * Theorem 1 "locality"; Horn & Kroening 2015). Returns a Map from key to its ops, in first-seen
 * key order. Never throws.
 */
export function partitionHistory<I, O>(history: History<I, O>, keyOf: (input: I) => string): Map<string, History<I, O>> {
  const parts = new Map<string, History<I, O>>();
  for (const op of history) {
    const key = keyOf(op.input);
    const part = parts.get(key);
    if (part) part.push(op);
    else parts.set(key, [op]);
  }
  return parts;
}

/** ClientRecord is the `client` member of TraceRecord. */
type ClientRecord = Extract<TraceRecord, { type: 'client' }>;

/** sameOp is true when `a` and `b` are the same request (a completion record repeats its op). */
function sameOp(a: KvOp, b: KvOp): boolean {
  if (a.f !== b.f || a.key !== b.key) return false;
  if (a.f === 'get') return true;
  if (a.f === 'cas') return b.f === 'cas' && a.expected === b.expected && a.value === b.value;
  return b.f !== 'get' && a.value === b.value;
}

/**
 * historyFromTrace turns the simulator's `client` trace records (src/core/trace.ts; other record
 * types are ignored) into a KvHistory, times in virtual ms, op ids numbered 0, 1, … in invoke order
 * among the ops kept:
 * - `invoke` opens an op for its client (a client has at most one open);
 * - `ok` closes it with output `{ok: true}`, plus `value` (the record's `result`, null when absent)
 *   for a get;
 * - `fail` means the op certainly had no effect. For a cas whose `result` is the state machine's
 *   `cas mismatch…` error, the op is kept, closed with output `{ok: false}`: an observation that the
 *   value was not `expected` at some point in its interval (as Porcupine keeps Jepsen's `:fail :cas`).
 *   Any other `fail` (e.g. `stale request`) says nothing about the value: the op is dropped;
 * - `info` (unknown outcome) leaves the op open forever: `return` = Infinity, output unknown; the
 *   client may then invoke a new op. An `info` for a client with no open op is a request that was
 *   queued but never sent (the simulator's end-of-run `finish`): it is ignored;
 * - ops still open at the end of the records count as `info`.
 * Throws an Error naming the record (0-based index among `records`) when a client invokes while
 * its previous op is still open, completes an op it has not invoked (`ok`/`fail`), or completes a
 * different op from the one it invoked.
 */
export function historyFromTrace(records: Iterable<TraceRecord>): KvHistory {
  const ops: Operation<KvOp, KvOutput>[] = [];
  const dropped = new Set<Operation<KvOp, KvOutput>>();
  const open = new Map<ClientId, { op: Operation<KvOp, KvOutput>; invokedAt: number }>();
  let index = -1;
  for (const record of records) {
    index++;
    if (record.type !== 'client') continue;
    const r: ClientRecord = record;
    const where = `trace record ${index} (t=${r.t} ms, client ${r.client}, ${r.phase} ${r.op.f} ${JSON.stringify(r.op.key)})`;
    const current = open.get(r.client);
    if (r.phase === 'invoke') {
      if (current) throw new Error(`${where}: the client invokes while its op from record ${current.invokedAt} is still open`);
      const op: Operation<KvOp, KvOutput> = { id: ops.length, client: r.client, call: r.t, return: Infinity, input: r.op as KvOp, output: undefined };
      ops.push(op);
      open.set(r.client, { op, invokedAt: index });
      continue;
    }
    if (!current) {
      if (r.phase === 'info') continue; // queued at the end, never invoked: no effect
      throw new Error(`${where}: the client has no open op to complete`);
    }
    if (!sameOp(current.op.input, r.op as KvOp)) {
      throw new Error(`${where}: completes ${JSON.stringify(r.op)} but the open op (record ${current.invokedAt}) is ${JSON.stringify(current.op.input)}`);
    }
    open.delete(r.client);
    if (!complete(current.op, r.phase, r.t, r.result)) dropped.add(current.op);
  }
  // Ops still open keep return = Infinity and an unknown output, as `info`.
  return ops.filter((op) => !dropped.has(op)).map((op, id) => ({ ...op, id }));
}

/** complete closes `op` as `phase` says; false when the op is to be dropped (a `fail` that observed nothing). */
function complete(op: Operation<KvOp, KvOutput>, phase: Exclude<ClientPhase, 'invoke'>, t: VirtualMs, result: unknown): boolean {
  if (phase === 'info') return true; // open forever, output unknown
  if (phase === 'ok') {
    op.return = t;
    op.output = op.input.f === 'get' ? { ok: true, value: typeof result === 'string' ? result : null } : { ok: true };
    return true;
  }
  if (op.input.f === 'cas' && typeof result === 'string' && result.startsWith('cas mismatch')) {
    op.return = t;
    op.output = { ok: false };
    return true;
  }
  return false;
}
