/**
 * The WGL search's history as a doubly-linked list of entries (Wing & Gong 1993; Lowe 2017 §3;
 * Porcupine's `makeLinkedEntries`, `lift`, `unlift`): one call entry and one return entry per op,
 * sorted by time, calls before returns on equal times (then by op, for determinism). Linearizing an
 * op lifts both its entries out of the list; backtracking puts them back. Nodes are integers:
 * node 0 is the head, nodes 1…2n the entries in time order; arrays hold the links.
 */
import type { Operation } from './history';

/**
 * EntryList is the list: `next` / `prev` links (-1: none), `match` (call node → its return node;
 * return node → -1) and `opOf` (node → the op's index in the ops given to buildEntries).
 */
export interface EntryList {
  next: Int32Array;
  prev: Int32Array;
  match: Int32Array;
  opOf: Int32Array;
}

/**
 * buildEntries links the ops' call and return entries in time order. Throws an Error naming the op
 * if its call or return is NaN or not a number, or its return precedes its call.
 */
export function buildEntries(ops: readonly Operation<unknown, unknown>[]): EntryList {
  const n = ops.length;
  const events: { time: number; kind: number; op: number }[] = [];
  ops.forEach((op, i) => {
    if (typeof op.call !== 'number' || Number.isNaN(op.call) || typeof op.return !== 'number' || Number.isNaN(op.return) || op.return < op.call) {
      throw new Error(`op ${op.id} (client ${op.client}): call ${op.call} and return ${op.return} are not an interval`);
    }
    events.push({ time: op.call, kind: 0, op: i }, { time: op.return, kind: 1, op: i });
  });
  events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.kind - b.kind || a.op - b.op));
  const size = 2 * n + 1;
  const list: EntryList = { next: new Int32Array(size), prev: new Int32Array(size), match: new Int32Array(size).fill(-1), opOf: new Int32Array(size).fill(-1) };
  const callNode = new Int32Array(n);
  events.forEach((e, k) => {
    const node = k + 1;
    list.opOf[node] = e.op;
    if (e.kind === 0) callNode[e.op] = node;
    else list.match[callNode[e.op]!] = node;
  });
  for (let node = 0; node < size; node++) {
    list.next[node] = node + 1 < size ? node + 1 : -1;
    list.prev[node] = node - 1;
  }
  return list;
}

/** lift takes call node `call` and its return node `ret` out of the list. */
export function lift({ next, prev }: EntryList, call: number, ret: number): void {
  next[prev[call]!] = next[call]!;
  prev[next[call]!] = prev[call]!; // a call is always followed by something: its return
  next[prev[ret]!] = next[ret]!;
  if (next[ret]! !== -1) prev[next[ret]!] = prev[ret]!;
}

/** unlift puts them back: the reverse of lift, in reverse order. */
export function unlift({ next, prev }: EntryList, call: number, ret: number): void {
  next[prev[ret]!] = ret;
  if (next[ret]! !== -1) prev[next[ret]!] = ret;
  next[prev[call]!] = call;
  prev[next[call]!] = call;
}
