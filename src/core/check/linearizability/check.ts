/**
 * checkLinearizability: is a client history linearizable (Herlihy & Wing 1990) against a model?
 *
 * The history is split by the model's partition key and each key is checked on its own
 * (P-compositionality: linearizable iff every key's part is; Herlihy & Wing 1990 §3.3, Horn &
 * Kroening 2015), each with the WGL search (Wing & Gong 1993; Lowe 2017 §3; Porcupine). The keys are
 * searched round-robin, a slice of steps each, cheapest (fewest ops) first, and the check stops at
 * the first key found not linearizable (Porcupine cancels the other partitions the same way, see its
 * TestIllegalCancelsBlockedPartition): an illegal key is found even if another key's search would
 * take forever. Pure: the budget is counted in steps and memo entries; the only clock is the
 * caller's optional `deadline`.
 */
import { partitionHistory, type History } from './history';
import type { Model } from './models';
import { WglSearch, type PartialLinearization, type SearchStatus } from './search';

/** Verdict of a check, overall or for one key. `unknown`: a budget ran out first, or not searched. */
export type Verdict = 'linearizable' | 'not linearizable' | 'unknown';

/** CheckOptions is the budget of a check. Every field is optional. */
export interface CheckOptions {
  /** Most search steps per key (default 5,000,000: about 0.5 s of CPU; the hardest corpus file, etcd_002, takes 1,356,360). */
  maxSteps?: number;
  /**
   * Most memo entries per key (default 1,000,000; the corpus needs at most 179,127). An entry takes
   * 4·⌈ops/32⌉ + 8 bytes plus a Map slot (≈ 30 bytes): ≈ 60 bytes for a 100-op key. Keys searched in
   * turn hold their memos at once, until each is decided.
   */
  maxCacheEntries?: number;
  /**
   * Called about every 1,024 steps and between slices; returning true stops the whole check and
   * leaves the undecided keys `unknown`. Core never reads a clock: the caller does, e.g.
   * `() => performance.now() > start + 2000`.
   */
  deadline?: () => boolean;
  /** Steps a key runs before the next key gets its turn (default 20,000). */
  sliceSteps?: number;
  /** Stop at the first key that is not linearizable, leaving the others `unknown` (default true). */
  stopAtFirstIllegal?: boolean;
}

/**
 * KeyResult is the outcome for one key (partition):
 * - `key`: the partition key, or null when the model does not partition (one part, the whole history);
 * - `verdict` and, unless linearizable, `reason` (one line, for people);
 * - `ops`: number of operations of the key; `steps`: search steps spent; `cacheEntries`: memo size reached;
 * - `linearization` (linearizable only): op ids in a legal order that respects real time;
 * - `partial` (not linearizable only): the deepest partial linearization reached and the ops that
 *   could not come after it (see PartialLinearization), for drawing.
 */
export interface KeyResult {
  key: string | null;
  verdict: Verdict;
  reason?: string;
  ops: number;
  steps: number;
  cacheEntries: number;
  linearization?: number[];
  partial?: PartialLinearization;
}

/**
 * CheckResult is the outcome of a check:
 * - `verdict`: `not linearizable` if some key is not; else `unknown` if some key is unknown; else
 *   `linearizable` (an empty history is linearizable);
 * - `reason`: absent when linearizable; else the deciding key's reason;
 * - `keys`: one KeyResult per key, in the order they were scheduled (fewest ops first, then key);
 * - `steps`: search steps over all keys.
 */
export interface CheckResult {
  verdict: Verdict;
  reason?: string;
  keys: KeyResult[];
  steps: number;
}

const DEFAULTS = { maxSteps: 5_000_000, maxCacheEntries: 1_000_000, sliceSteps: 20_000 };

const fmt = (n: number) => n.toLocaleString('en-US');
const plural = (word: string, ids: number[]) => `${word}${ids.length === 1 ? '' : 's'} ${ids.join(', ')}`;

/**
 * checkLinearizability checks `history` against `model` within `options`' budget; see CheckResult.
 * Throws an Error if an op's call and return are not an interval (NaN, or return before call),
 * or if op ids are not unique.
 */
export function checkLinearizability<S, I, O>(history: History<I, O>, model: Model<S, I, O>, options: CheckOptions = {}): CheckResult {
  const maxSteps = options.maxSteps ?? DEFAULTS.maxSteps;
  const maxCacheEntries = options.maxCacheEntries ?? DEFAULTS.maxCacheEntries;
  const slice = Math.max(1, options.sliceSteps ?? DEFAULTS.sliceSteps);
  const stopAtFirstIllegal = options.stopAtFirstIllegal ?? true;
  const { deadline } = options;
  const seen = new Set<number>();
  for (const op of history) {
    if (seen.has(op.id)) throw new Error(`op id ${op.id} occurs more than once in the history`);
    seen.add(op.id);
  }

  const partitionKey = model.partitionKey?.bind(model);
  const parts: [string | null, History<I, O>][] = partitionKey ? [...partitionHistory(history, partitionKey)] : [[null, history]];
  parts.sort(([ka, a], [kb, b]) => a.length - b.length || ((ka ?? '') < (kb ?? '') ? -1 : (ka ?? '') > (kb ?? '') ? 1 : 0));
  const searches = parts.map(([key, ops]) => ({ key, ops: ops.length, search: new WglSearch(model, ops, { maxSteps, maxCacheEntries, deadline }) }));
  const name = (key: string | null) => (key === null ? 'the history' : `key ${JSON.stringify(key)}`);

  let active = searches;
  let illegal: string | null | undefined; // the key found not linearizable, if any
  let stoppedByDeadline = false;
  while (active.length > 0 && illegal === undefined && !stoppedByDeadline) {
    for (const s of active) {
      if (deadline?.()) {
        stoppedByDeadline = true;
        break;
      }
      if (s.search.run(slice) === 'not linearizable' && stopAtFirstIllegal) {
        illegal = s.key;
        break;
      }
      if (s.search.status === 'deadline') {
        stoppedByDeadline = true;
        break;
      }
    }
    active = active.filter((s) => s.search.status === 'running');
  }

  const keys = searches.map(({ key, ops, search }): KeyResult => {
    const base = { key, ops, steps: search.steps, cacheEntries: search.cacheEntries };
    const status: SearchStatus = search.status;
    switch (status) {
      case 'linearizable':
        return { ...base, verdict: 'linearizable', linearization: search.linearization() };
      case 'not linearizable': {
        const partial = search.partial();
        const reason =
          `${name(key)} is not linearizable: the longest legal order found takes ${partial.prefix.length} of its ${ops} ops, ` +
          `reaching state ${partial.state}, where the model rejects every op that could come next (${plural('op', partial.stuck)}), ` +
          `though op ${partial.firstReturn} must take effect before it returns`;
        return { ...base, verdict: 'not linearizable', reason, partial };
      }
      case 'steps':
        return { ...base, verdict: 'unknown', reason: `unknown: ${name(key)} needed more than ${fmt(maxSteps)} search steps` };
      case 'memory':
        return { ...base, verdict: 'unknown', reason: `unknown: ${name(key)} needed more than ${fmt(maxCacheEntries)} memo entries` };
      case 'deadline':
        return { ...base, verdict: 'unknown', reason: `unknown: the deadline passed while searching ${name(key)} (after ${fmt(search.steps)} steps)` };
      case 'running':
        return {
          ...base,
          verdict: 'unknown',
          reason:
            illegal !== undefined
              ? `unknown: not decided, the check stopped when ${name(illegal)} was found not linearizable`
              : `unknown: not decided, the deadline passed before ${name(key)} was finished`,
        };
    }
  });
  const steps = keys.reduce((sum, k) => sum + k.steps, 0);
  const decisive = keys.find((k) => k.verdict === 'not linearizable') ?? keys.find((k) => k.verdict === 'unknown');
  if (decisive === undefined) return { verdict: 'linearizable', keys, steps };
  return { verdict: decisive.verdict, reason: decisive.reason!, keys, steps };
}
