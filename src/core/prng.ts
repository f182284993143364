/**
 * Seeded randomness. Every random choice in a run comes from one scenario seed through these
 * generators (pure-rand's xoroshiro128+), never from `Math.random`. Streams are derived by name,
 * so a node's randomness depends only on (seed, node id), not on what other nodes drew.
 */
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

type Generator = ReturnType<typeof xoroshiro128plus>;

/** hashStream mixes a seed and a stream name into a 32-bit integer (FNV-1a, then a murmur finaliser). */
export function hashStream(seed: number, name: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h | 0;
}

/** Rng is a mutable seeded random stream. Its state can be read and restored for checkpoints. */
export class Rng {
  private gen: Generator;

  private constructor(gen: Generator) {
    this.gen = gen;
  }

  /** Rng.derive gives the stream named `name` of `seed`, e.g. `Rng.derive(7, 'node:n3')`. */
  static derive(seed: number, name: string): Rng {
    return new Rng(xoroshiro128plus(hashStream(seed, name)));
  }

  /** Rng.fromState restores a stream saved with {@link Rng.state}. */
  static fromState(state: readonly number[]): Rng {
    return new Rng(xoroshiro128plusFromState(state));
  }

  /** int gives a uniform integer in [lo, hi], both included. Throws RangeError if hi < lo. */
  int(lo: number, hi: number): number {
    if (hi < lo) throw new RangeError(`Rng.int: empty range [${lo}, ${hi}]`);
    return lo === hi ? lo : uniformInt(this.gen, lo, hi);
  }

  /** float gives a uniform number in [0, 1). */
  float(): number {
    return uniformFloat64(this.gen);
  }

  /** chance is true with probability p (0 ≤ p ≤ 1); draws nothing when p is 0 or 1. */
  chance(p: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return uniformFloat64(this.gen) < p;
  }

  /** pick gives a uniform element of a non-empty array. Throws RangeError on an empty one. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.pick: empty array');
    return items[this.int(0, items.length - 1)]!;
  }

  /** state is the generator's internal state, for checkpoints. */
  state(): readonly number[] {
    return this.gen.getState();
  }

  /** setState puts back a state saved with {@link state}, in place (holders of this Rng see it). */
  setState(state: readonly number[]): void {
    this.gen = xoroshiro128plusFromState(state);
  }
}
