/**
 * The Wing & Gong linearizability search with Lowe's memoization ("WGL": Wing & Gong 1993; Lowe
 * 2017 §3; as in Porcupine's `checkSingle`), for the ops of one partition.
 *
 * The history becomes a doubly-linked list of call and return entries sorted by time (calls first
 * on ties; entries.ts). The search walks the list from its head: a call entry is a candidate to linearize next;
 * if the model accepts it and the pair (set of linearized ops, state after it) is not in the memo,
 * the op is pushed on the stack and both its entries are lifted out of the list, and the walk
 * restarts at the head. Reaching a return entry means its op should have been linearized by now:
 * the search backtracks (pops the last op, puts its entries back, tries the entry after it). An
 * empty list means every op is linearized; a return entry with an empty stack means none can be.
 *
 * The linearized set is a bitset (Uint32Array words) with a Zobrist hash updated in O(1); the memo
 * (memo.ts) holds the (bitset, state id) pairs explored.
 * Pure: no clock, no randomness; `deadline` is the caller's to supply.
 */
import type { Operation } from './history';
import { buildEntries, lift, unlift, type EntryList } from './entries';
import { Memo, StateIds, zobristKeys } from './memo';
import type { Model } from './models';

/** SearchLimits bounds one search: steps (loop iterations), memo entries, and an optional deadline. */
export interface SearchLimits {
  /** Most search steps (one candidate tried or one backtrack each) before giving up. */
  maxSteps: number;
  /** Most memo entries (each ≈ 4·⌈ops/32⌉ + 8 bytes plus a Map slot) before giving up. */
  maxCacheEntries: number;
  /** Called every 1,024 steps; true stops the search (the caller's clock, never core's). */
  deadline?: (() => boolean) | undefined;
}

/** SearchStatus: still `running` (slice used up), decided, or stopped by a limit. */
export type SearchStatus = 'running' | 'linearizable' | 'not linearizable' | 'steps' | 'memory' | 'deadline';

/**
 * PartialLinearization explains a failed search, as Porcupine's visualisation does with its
 * "largest partial linearizations": the deepest point the search reached.
 * - `prefix`: op ids in a legal order, respecting real time, the longest the search found
 *   (the first it found of that length);
 * - `state`: the model state after `prefix` (describeState);
 * - `stuck`: op ids that real time allows next (invoked before `firstReturn` returned) and that
 *   the model rejects in `state`: every way to extend `prefix` fails;
 * - `firstReturn`: the op, not in `prefix`, that returned first: it had to take effect before its
 *   return, so one of `stuck` had to come next (it is itself one of `stuck`).
 */
export interface PartialLinearization {
  prefix: number[];
  state: string;
  stuck: number[];
  firstReturn: number;
}

/**
 * WglSearch checks the ops of one partition against `model`, resumably: `run(slice)` does at most
 * `slice` steps and says where it stands, so a caller can interleave the partitions. Throws in the
 * constructor if an op's times are not numbers or its return precedes its call.
 */
export class WglSearch<S, I, O> {
  /** Steps done so far. */
  steps = 0;
  /** Status after the last `run`. */
  status: SearchStatus = 'running';

  private readonly n: number;
  private readonly ids: Int32Array; // local op index → Operation.id
  private readonly inputs: I[];
  private readonly outputs: (O | undefined)[];
  private readonly list: EntryList;
  private readonly next: Int32Array; // list node → next node (-1: end); node 0 is the head
  private readonly match: Int32Array; // call node → its return node; return node → -1
  private readonly opOf: Int32Array; // node → local op index
  private readonly zobrist: Int32Array; // local op index → its hash contribution
  private readonly words: Uint32Array; // the linearized set
  private hash = 0;
  private state: S;
  private stateId: number;
  private entry: number;
  private depth = 0;
  private readonly stackNode: Int32Array;
  private readonly stackStateId: Int32Array;
  private readonly stackState: S[];
  private readonly stateIds: StateIds<S>;
  private readonly memo: Memo;
  // The deepest prefix so far: bestStack[0, bestDepth). Stack slots below lowWater have not
  // changed since it was recorded, so a new record copies only from lowWater up (amortised O(1)).
  private readonly bestStack: Int32Array;
  private bestDepth = 0;
  private lowWater = 0;

  constructor(
    private readonly model: Model<S, I, O>,
    ops: readonly Operation<I, O>[],
    private readonly limits: SearchLimits,
  ) {
    const n = (this.n = ops.length);
    this.ids = Int32Array.from(ops, (op) => op.id);
    this.inputs = ops.map((op) => op.input);
    this.outputs = ops.map((op) => op.output);
    this.list = buildEntries(ops);
    this.next = this.list.next;
    this.match = this.list.match;
    this.opOf = this.list.opOf;
    this.zobrist = zobristKeys(n);
    const w = Math.max(1, Math.ceil(n / 32));
    this.words = new Uint32Array(w);
    this.memo = new Memo(w);
    this.stateIds = new StateIds(model);
    this.stackNode = new Int32Array(n);
    this.stackStateId = new Int32Array(n);
    this.stackState = new Array<S>(n);
    this.bestStack = new Int32Array(n);
    this.state = model.init();
    this.stateId = this.stateIds.id(this.state);
    this.entry = this.next[0]!;
  }

  /** cacheEntries is the number of (linearized set, state) pairs in the memo. */
  get cacheEntries(): number {
    return this.memo.entries;
  }

  /** linearization gives op ids in a legal order once the status is `linearizable`. */
  linearization(): number[] {
    return Array.from(this.stackNode.subarray(0, this.depth), (node) => this.ids[this.opOf[node]!]!);
  }

  /**
   * partial describes the deepest point the search reached. Meaningful once the status is
   * `not linearizable` (then every op of `stuck` is rejected in `state`); before that, `stuck` only
   * lists the ops real time allows next. O(ops) time.
   */
  partial(): PartialLinearization {
    const { model, ids, opOf, match } = this;
    const prefix: number[] = [];
    const done = new Uint8Array(this.n);
    let state = model.init();
    for (const node of this.bestStack.subarray(0, this.bestDepth)) {
      const op = opOf[node]!;
      done[op] = 1;
      prefix.push(ids[op]!);
      const r = model.step(state, this.inputs[op]!, this.outputs[op]);
      if (r.ok) state = r.next;
    }
    // The list at that point held the other ops' entries in time order; the candidates are the calls before the first return.
    const stuck: number[] = [];
    let firstReturn = -1;
    for (let node = 1; node < match.length; node++) {
      const op = opOf[node]!;
      if (done[op]) continue;
      if (match[node]! < 0) {
        firstReturn = ids[op]!;
        break;
      }
      stuck.push(ids[op]!);
    }
    return { prefix, state: model.describeState(state), stuck, firstReturn };
  }

  /**
   * run does at most `slice` more steps (never beyond `limits.maxSteps`) and gives the status:
   * `running` if the slice ran out first. Once decided or stopped, later calls return at once.
   */
  run(slice: number): SearchStatus {
    if (this.status !== 'running') return this.status;
    const { next, match, opOf, words, zobrist, model, inputs, outputs } = this;
    const { maxSteps, maxCacheEntries, deadline } = this.limits;
    const end = Math.min(this.steps + slice, maxSteps);
    let { entry, steps, state, stateId, hash, depth } = this;
    let status: SearchStatus = 'running';
    while (next[0] !== -1) {
      if (steps >= end) {
        status = steps >= maxSteps ? 'steps' : 'running';
        break;
      }
      if ((steps & 1023) === 0 && deadline !== undefined && deadline()) {
        status = 'deadline';
        break;
      }
      steps++;
      const ret = match[entry]!;
      if (ret >= 0) {
        // A call entry: try to linearize its op now.
        const op = opOf[entry]!;
        const r = model.step(state, inputs[op]!, outputs[op]);
        if (r.ok) {
          const nextId = this.stateIds.id(r.next);
          const bit = 1 << (op & 31);
          words[op >>> 5]! |= bit;
          const nextHash = hash ^ zobrist[op]!;
          if (this.memo.add(words, nextHash, nextId)) {
            this.stackNode[depth] = entry;
            this.stackState[depth] = state;
            this.stackStateId[depth] = stateId;
            depth++;
            state = r.next;
            stateId = nextId;
            hash = nextHash;
            lift(this.list, entry, ret);
            if (depth > this.bestDepth) {
              this.bestStack.set(this.stackNode.subarray(this.lowWater, depth), this.lowWater);
              this.bestDepth = this.lowWater = depth;
            }
            entry = next[0]!;
            if (this.memo.entries > maxCacheEntries) {
              status = 'memory';
              break;
            }
          } else {
            words[op >>> 5]! &= ~bit;
            entry = next[entry]!;
          }
        } else {
          entry = next[entry]!;
        }
      } else {
        // A return entry: its op should already be linearized. Backtrack.
        if (depth === 0) {
          status = 'not linearizable';
          break;
        }
        depth--;
        if (depth < this.lowWater) this.lowWater = depth;
        entry = this.stackNode[depth]!;
        state = this.stackState[depth]!;
        stateId = this.stackStateId[depth]!;
        const op = opOf[entry]!;
        words[op >>> 5]! &= ~(1 << (op & 31));
        hash ^= zobrist[op]!;
        unlift(this.list, entry, match[entry]!);
        entry = next[entry]!;
      }
    }
    if (status === 'running' && next[0] === -1) status = 'linearizable';
    if (status !== 'running') {
      // Decided or stopped for good: free the memo now, not when the caller drops this search.
      this.memo.release();
      this.stateIds.release();
    }
    this.entry = entry;
    this.steps = steps;
    this.state = state;
    this.stateId = stateId;
    this.hash = hash;
    this.depth = depth;
    this.status = status;
    return status;
  }
}
