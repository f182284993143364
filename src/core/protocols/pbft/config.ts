/**
 * PBFT's configuration, as given in a scenario's `config` field: timers, the checkpoint interval and
 * log window of Castro & Liskov 1999 (§4.3, §4.4), and which replicas are Byzantine and how.
 */
import * as v from 'valibot';
import { sectionFields } from '../../scenario/issues';
import type { NodeId } from '../../types';

/**
 * Behaviour is one way a Byzantine replica misbehaves. Each is implemented in byzantine.ts as a
 * filter on what an otherwise honest replica sends, so the replica's own state stays correct:
 * - `silent`: sends nothing and handles nothing (a crash that never restarts);
 * - `equivocate`: sends conflicting messages to two halves of the cluster: as primary, the request
 *   to some replicas and a null request for the same sequence number to others (§4.2); as backup,
 *   prepares and commits for the null request to those others. Colluders share the plan, so f+1
 *   equivocators can break Agreement;
 * - `wrong-digest`: its pre-prepares, prepares, commits and checkpoints carry a wrong digest;
 * - `wrong-result`: its Reply messages carry a wrong result;
 * - `replay`: re-sends old messages it received or sent, to random replicas;
 * - `forge`: forges pre-prepares, prepares and commits claiming to be from other replicas;
 *   authentication catches every one;
 * - `slow`: as primary, holds its pre-prepares back for config.slowPrimaryMs, so that backups'
 *   view-change timers fire (§4.4).
 */
export type Behaviour = 'silent' | 'equivocate' | 'wrong-digest' | 'wrong-result' | 'replay' | 'forge' | 'slow';

/** BEHAVIOURS lists every Byzantine behaviour, in the order the UI shows them. */
export const BEHAVIOURS: readonly Behaviour[] = ['silent', 'equivocate', 'wrong-digest', 'wrong-result', 'replay', 'forge', 'slow'];

/** isBehaviour tells whether `x` names a Byzantine behaviour. */
export const isBehaviour = (x: string): x is Behaviour => (BEHAVIOURS as readonly string[]).includes(x);

/** PbftConfig tunes one PBFT cluster. Castro & Liskov 1999, §4.3 (checkpoints) and §4.4 (view changes). */
export interface PbftConfig {
  /**
   * A backup that holds a client request it has not executed for this long (virtual ms) starts a
   * view change (§4.4: "a backup starts a timer when it receives a request").
   */
  requestTimeoutMs: number;
  /**
   * A replica that has sent a ViewChange and holds 2f+1 of them waits this long (virtual ms) for
   * the NewView before moving to the next view; doubled after each view change that fails in a row
   * (§4.5.2). Until it holds 2f+1, it re-sends its ViewChange this often.
   */
  viewChangeTimeoutMs: number;
  /** K: a checkpoint is taken every K sequence numbers (§4.3). */
  checkpointInterval: number;
  /** L: the high water mark is H = h + L, h the last stable checkpoint (sequence numbers, §4.3). Must be ≥ K. */
  logWindow: number;
  /** A `slow` primary holds each pre-prepare back this long (virtual ms). */
  slowPrimaryMs: number;
  /**
   * The Byzantine replicas and what each does; absent replicas are honest. Node ids not in the
   * scenario's cluster are ignored (the config schema cannot see the cluster).
   */
  byzantine: Record<NodeId, Behaviour>;
}

/** PBFT_DEFAULTS is used for every field a scenario leaves out. */
export const PBFT_DEFAULTS: PbftConfig = {
  requestTimeoutMs: 500,
  viewChangeTimeoutMs: 500,
  checkpointInterval: 4,
  logWindow: 8,
  slowPrimaryMs: 2000,
  byzantine: {},
};

const ms = () => {
  const words = '{field} must be a whole number of virtual ms from 1 to 600000 (got {got})';
  return v.pipe(v.number(words), v.integer(words), v.minValue(1, words), v.maxValue(600_000, words));
};
const seqs = (max: number) => {
  const words = `{field} must be a whole number of sequence numbers from 1 to ${max} (got {got})`;
  return v.pipe(v.number(words), v.integer(words), v.minValue(1, words), v.maxValue(max, words));
};

const BYZANTINE_SHAPE = '{field} must map node ids to behaviours, e.g. {"n1": "silent"} (got {got})';

const entries = {
  requestTimeoutMs: v.optional(ms(), PBFT_DEFAULTS.requestTimeoutMs),
  viewChangeTimeoutMs: v.optional(ms(), PBFT_DEFAULTS.viewChangeTimeoutMs),
  checkpointInterval: v.optional(seqs(1000), PBFT_DEFAULTS.checkpointInterval),
  logWindow: v.optional(seqs(10_000), PBFT_DEFAULTS.logWindow),
  slowPrimaryMs: v.optional(ms(), PBFT_DEFAULTS.slowPrimaryMs),
  byzantine: v.optional(
    v.pipe(
      v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), BYZANTINE_SHAPE),
      v.record(
        v.string(),
        v.picklist(BEHAVIOURS, `{field} names an unknown Byzantine behaviour {got} (known: ${BEHAVIOURS.join(', ')})`),
        BYZANTINE_SHAPE,
      ),
    ),
    () => ({}),
  ),
};

/**
 * pbftConfigSchema validates a scenario's `config` for PBFT and fills defaults. Its messages are
 * worded for people (see src/core/scenario/issues.ts): `{field}` is the field's name.
 */
export const pbftConfigSchema = v.pipe(
  v.strictObject(entries, sectionFields('config', Object.keys(entries), 'pbft')),
  v.check(
    (c) => c.logWindow >= c.checkpointInterval,
    (i) =>
      `config.logWindow (${i.input.logWindow}) must be at least config.checkpointInterval (${i.input.checkpointInterval}), or the window closes before the next checkpoint can become stable (§4.3)`,
  ),
);
