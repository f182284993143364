/**
 * PBFT's configuration, as given in a scenario's `config` field: timers, the checkpoint interval and
 * log window of Castro & Liskov 1999 (§4.3, §4.4), and which replicas are Byzantine and how.
 */
import * as v from 'valibot';
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

const ms = (what: string) =>
  v.pipe(
    v.number(`${what} must be a number of virtual ms`),
    v.integer(`${what} must be a whole number of virtual ms`),
    v.minValue(1, `${what} must be at least 1`),
    v.maxValue(600_000, `${what} must be at most 600000`),
  );
const seqs = (what: string, max: number) =>
  v.pipe(
    v.number(`${what} must be a number of sequence numbers`),
    v.integer(`${what} must be a whole number`),
    v.minValue(1, `${what} must be at least 1`),
    v.maxValue(max, `${what} must be at most ${max}`),
  );

const BYZANTINE_SHAPE = 'byzantine must map node ids to behaviours, e.g. {"n1": "silent"}';

/** pbftConfigSchema validates a scenario's `config` for PBFT and fills defaults. */
export const pbftConfigSchema = v.pipe(
  v.strictObject({
    requestTimeoutMs: v.optional(ms('requestTimeoutMs'), PBFT_DEFAULTS.requestTimeoutMs),
    viewChangeTimeoutMs: v.optional(ms('viewChangeTimeoutMs'), PBFT_DEFAULTS.viewChangeTimeoutMs),
    checkpointInterval: v.optional(seqs('checkpointInterval', 1000), PBFT_DEFAULTS.checkpointInterval),
    logWindow: v.optional(seqs('logWindow', 10_000), PBFT_DEFAULTS.logWindow),
    slowPrimaryMs: v.optional(ms('slowPrimaryMs'), PBFT_DEFAULTS.slowPrimaryMs),
    byzantine: v.optional(
      v.pipe(
        v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), BYZANTINE_SHAPE),
        v.record(
          v.string(),
          v.picklist(BEHAVIOURS, (i) => `unknown Byzantine behaviour ${JSON.stringify(i.input)} (known: ${BEHAVIOURS.join(', ')})`),
          BYZANTINE_SHAPE,
        ),
      ),
      () => ({}),
    ),
  }),
  v.check(
    (c) => c.logWindow >= c.checkpointInterval,
    'logWindow must be at least checkpointInterval, or the window closes before the next checkpoint can become stable (§4.3)',
  ),
);
