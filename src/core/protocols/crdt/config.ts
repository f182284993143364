/**
 * The CRDT protocol's configuration, as given in a scenario's `config` field: which replicated data
 * type the replicas hold (Shapiro, Preguiça, Baquero & Zawirski, "A comprehensive study of
 * Convergent and Commutative Replicated Data Types", INRIA RR-7506, 2011) and how often anti-entropy
 * exchanges states (state-based types) or missing operations (the op-based OR-Set).
 */
import * as v from 'valibot';
import { PARSE_CONFIG, sectionFields, wordIssues } from '../../scenario/issues';

/**
 * CrdtType is the replicated type:
 * - `g-counter`: a grow-only counter, a vector of per-replica counts (Spec. 6);
 * - `pn-counter`: increments and decrements, two G-Counters (Spec. 7);
 * - `or-set`: a state-based observed-remove set, add wins (after Spec. 15);
 * - `lww-register`: a last-writer-wins register, timestamps from the replica's own clock (Spec. 8);
 * - `op-or-set`: the op-based OR-Set over causal delivery driven by vector clocks (Spec. 15).
 */
export type CrdtType = 'g-counter' | 'pn-counter' | 'or-set' | 'lww-register' | 'op-or-set';

/** CRDT_TYPES lists every type, in menu order. */
export const CRDT_TYPES: readonly CrdtType[] = ['g-counter', 'pn-counter', 'or-set', 'lww-register', 'op-or-set'];

/**
 * CrdtBug is a teaching bug (bugs.ts):
 * - `lww-skew-loses-write`: an LWW write is stamped with the replica's raw clock, not at least one
 *   past every timestamp it has seen, so under clock skew a write loses to one it already saw;
 * - `remove-wins`: an OR-Set remove, when merged, also kills adds of the element it never observed;
 * - `vclock-min-merge`: the op-based set merges a delivered op's vector clock by the minimum.
 */
export type CrdtBug = 'lww-skew-loses-write' | 'remove-wins' | 'vclock-min-merge';

/** CRDT_BUG_IDS lists every teaching bug. */
export const CRDT_BUG_IDS: readonly CrdtBug[] = ['lww-skew-loses-write', 'remove-wins', 'vclock-min-merge'];

/** CrdtConfig tunes one CRDT cluster. Times are virtual ms. */
export interface CrdtConfig {
  /** The replicated data type. */
  type: CrdtType;
  /**
   * Anti-entropy period (virtual ms, by the replica's own clock): every periodMs a replica sends
   * its state (or, op-based, its vector clock) to one random peer, which merges and answers with
   * its own when it holds something the sender lacks (push-pull).
   */
  periodMs: number;
  /** Teaching bugs switched on (see {@link CrdtBug}). */
  bugs: CrdtBug[];
}

/** CRDT_DEFAULTS is used for every field a scenario leaves out: a PN-Counter, anti-entropy every 200 ms. */
export const CRDT_DEFAULTS: CrdtConfig = { type: 'pn-counter', periodMs: 200, bugs: [] };

const whole = (lo: number, hi: number, unit: string) => {
  const words = `{field} must be a whole number${unit} from ${lo} to ${hi} (got {got})`;
  return v.pipe(v.number(words), v.integer(words), v.minValue(lo, words), v.maxValue(hi, words));
};

const entries = {
  type: v.optional(v.picklist(CRDT_TYPES, `{field} must be one of ${CRDT_TYPES.join(', ')} (got {got})`), CRDT_DEFAULTS.type),
  periodMs: v.optional(whole(10, 600_000, ' of virtual ms'), CRDT_DEFAULTS.periodMs),
  bugs: v.optional(
    v.pipe(
      v.array(
        v.picklist(CRDT_BUG_IDS, `{field} names an unknown bug {got} (known: ${CRDT_BUG_IDS.join(', ')})`),
        '{field} must be a list of bug names (got {got})',
      ),
      v.check((bs) => new Set(bs).size === bs.length, '{field} must not name a bug twice (got {got})'),
    ),
    () => [],
  ),
};

/** crdtConfigSchema validates a scenario's `config` for crdt and fills defaults (messages for people). */
export const crdtConfigSchema = v.strictObject(entries, sectionFields('config', Object.keys(entries), 'crdt'));

/**
 * crdtConfig fills defaults into a partial config and checks it.
 * @throws Error naming the bad field, in the schema's words, if `partial` is invalid.
 */
export function crdtConfig(partial: Partial<CrdtConfig> = {}): CrdtConfig {
  const r = v.safeParse(crdtConfigSchema, partial, PARSE_CONFIG);
  if (!r.success) throw new Error(`bad crdt config: ${wordIssues(r.issues, { base: ['config'] }).map((i) => i.message).join('; ')}`);
  return r.output as CrdtConfig;
}
