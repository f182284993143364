/**
 * Lowe's memoization for the WGL search (Lowe 2017 §3; Porcupine's `cache`): the set of
 * configurations (set of linearized ops, model state) already explored, so the search never
 * explores one twice. Sets are bitsets (Uint32Array words) hashed with Zobrist hashing; states are
 * interned to small integer ids, so an entry is its words plus one id, stored in flat typed arrays.
 */
import type { Model } from './models';

/** fmix32 is MurmurHash3's finaliser: a deterministic 32-bit mix (no randomness). */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** zobristKeys gives each of `n` ops a fixed pseudo-random 32-bit value: a set's hash is the XOR of its members'. */
export function zobristKeys(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => fmix32(Math.imul(i + 1, 0x9e3779b9)));
}

/**
 * StateIds interns model states: equal states get the same id (0, 1, …). Primitive states go
 * through a Map (SameValueZero); when the model has `hash` and `equal`, through those.
 */
export class StateIds<S> {
  private readonly primitive = new Map<S, number>();
  private readonly buckets = new Map<number, number[]>();
  private readonly states: S[] = [];

  constructor(private readonly model: Pick<Model<S, unknown, unknown>, 'hash' | 'equal'>) {}

  /** id gives `state`'s id, a new one if no equal state was seen. */
  id(state: S): number {
    const { hash, equal } = this.model;
    if (hash === undefined || equal === undefined) {
      let id = this.primitive.get(state);
      if (id === undefined) this.primitive.set(state, (id = this.primitive.size));
      return id;
    }
    const h = hash(state) | 0;
    let bucket = this.buckets.get(h);
    if (bucket === undefined) this.buckets.set(h, (bucket = []));
    for (const id of bucket) if (equal(this.states[id]!, state)) return id;
    const id = this.states.length;
    this.states.push(state);
    bucket.push(id);
    return id;
  }

  /** release frees the table once the search is over; `id` must not be called after. */
  release(): void {
    this.primitive.clear();
    this.buckets.clear();
    this.states.length = 0;
  }
}

/**
 * Memo is the set of explored (bitset, state id) pairs. `add` checks membership and inserts in one
 * go. Memory: 4·words + 8 bytes per entry in typed arrays (grown by doubling), plus one Map slot
 * per distinct hash.
 */
export class Memo {
  private readonly heads = new Map<number, number>(); // hash key → newest entry with that key
  private size = 0;
  private chain = new Int32Array(1024); // entry → older entry with the same key, or -1
  private stateIds = new Int32Array(1024);
  private bits: Uint32Array;

  /** `words` is the length of every bitset this memo will hold. */
  constructor(private readonly words: number) {
    this.bits = new Uint32Array(1024 * words);
  }

  /** entries is the number of pairs held. */
  get entries(): number {
    return this.size;
  }

  /**
   * add inserts (`set`, `stateId`), where `setHash` is `set`'s Zobrist hash: true if it was new,
   * false if the memo held it already (checked word by word, so hash collisions are harmless).
   */
  add(set: Uint32Array, setHash: number, stateId: number): boolean {
    const w = this.words;
    const key = fmix32(setHash ^ Math.imul(stateId + 1, 0x27d4eb2f)) >>> 2; // 30 bits: a small integer in V8
    const head = this.heads.get(key) ?? -1;
    for (let e = head; e !== -1; e = this.chain[e]!) {
      if (this.stateIds[e] !== stateId) continue;
      let i = 0;
      const base = e * w;
      while (i < w && this.bits[base + i] === set[i]) i++;
      if (i === w) return false;
    }
    const e = this.size++;
    if (e === this.chain.length) this.grow();
    this.chain[e] = head;
    this.stateIds[e] = stateId;
    this.bits.set(set, e * w);
    this.heads.set(key, e);
    return true;
  }

  /** release frees the storage once the search is over, keeping `entries`; `add` must not be called after. */
  release(): void {
    this.heads.clear();
    this.chain = new Int32Array(0);
    this.stateIds = new Int32Array(0);
    this.bits = new Uint32Array(0);
  }

  private grow(): void {
    const cap = this.chain.length * 2;
    const chain = new Int32Array(cap);
    chain.set(this.chain);
    const stateIds = new Int32Array(cap);
    stateIds.set(this.stateIds);
    const bits = new Uint32Array(cap * this.words);
    bits.set(this.bits);
    this.chain = chain;
    this.stateIds = stateIds;
    this.bits = bits;
  }
}
