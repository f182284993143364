/**
 * Failure detectors any protocol can use from its step function: a fixed timeout, and the φ accrual
 * detector (Hayashibara et al., SRDS 2004) as Akka/Pekko run it. See
 * ../shared/references/more-protocols.md §3.
 *
 * The state is plain data ({@link DetectorState}) kept in the protocol's node state, so snapshots,
 * time travel and workers copy it like the rest; the functions here are pure: they never change the
 * state they are given, take virtual times (ms) as arguments and return a new state when one changes.
 * A node restarted after a crash starts with a fresh detector ({@link createDetector}).
 *
 * Typical use in a step:
 * ```ts
 * s.fd = watch(s.fd, peer, env.now);                // start watching a peer
 * s.fd = heartbeat(s.fd, from, env.now);            // a heartbeat from `from` arrived
 * const { state, changes } = transitions(s.fd, env.now); // on a check timer
 * s.fd = state; for (const c of changes) … // c.suspected: start an election, …
 * ```
 * `./records.ts` does the same while writing the shared trace records (`watch`, `heartbeat`,
 * `suspect`, `unsuspect`) that the shared measures and views read.
 */
import type { NodeId, VirtualMs } from '../types';
import { intervalStats, phiOf, silenceForPhi } from './phi';

/** FixedTimeoutConfig: suspect a peer after `timeoutMs` virtual ms without a heartbeat from it. */
export interface FixedTimeoutConfig {
  kind: 'fixed';
  /** Silence (virtual ms) after which the peer is suspected; the level is the silence itself. */
  timeoutMs: number;
}

/**
 * PhiConfig: the φ accrual detector with Akka's knobs (`cluster.failure-detector`; defaults in
 * {@link PHI_DEFAULTS}). The level is φ; the peer is suspected while φ ≥ `threshold` (Akka's
 * `isAvailable` is φ < threshold).
 */
export interface PhiConfig {
  kind: 'phi';
  /** Φ: suspect once φ reaches it (Akka 8.0; Cassandra's phi_convict_threshold 8, 10–12 on EC2). */
  threshold: number;
  /** Added to the mean inter-arrival time (virtual ms): a pause this long raises little suspicion. */
  acceptablePauseMs: number;
  /** Floor (virtual ms) on the standard deviation, so a perfectly regular peer is not suspected at once on a small delay. */
  minStdDeviationMs: number;
  /** The sliding window: how many recent inter-arrival times the mean and deviation use (≥ 1). */
  maxSampleSize: number;
  /**
   * The interval (virtual ms) expected before any heartbeat was measured: the window starts with
   * two samples, this ± a quarter of it (Akka's `firstHeartbeatEstimate`; set it to the heartbeat
   * interval).
   */
  firstHeartbeatEstimateMs: number;
}

/** DetectorConfig picks a detector and its knobs. */
export type DetectorConfig = FixedTimeoutConfig | PhiConfig;

/** DetectorKind is a detector's name, as in records: `fixed` or `phi`. */
export type DetectorKind = DetectorConfig['kind'];

/** DETECTOR_KINDS lists the detectors, in menu order. */
export const DETECTOR_KINDS: readonly DetectorKind[] = ['fixed', 'phi'];

/**
 * PHI_DEFAULTS are Akka's `cluster.failure-detector` defaults (threshold 8, pause 3 s, σ ≥ 100 ms,
 * first estimate 1 s), with a window of 200 samples rather than 1000 so that node state stays
 * small; a run of the playground rarely holds more heartbeats per peer.
 */
export const PHI_DEFAULTS: Omit<PhiConfig, 'kind'> = {
  threshold: 8,
  acceptablePauseMs: 3000,
  minStdDeviationMs: 100,
  maxSampleSize: 200,
  firstHeartbeatEstimateMs: 1000,
};

/** PeerHistory is what a detector remembers of one watched peer. */
export interface PeerHistory {
  /** When the last heartbeat arrived, or watching began (virtual ms). */
  lastMs: VirtualMs;
  /** The window of recent inter-arrival times (virtual ms), oldest first (φ only; empty for fixed). */
  intervals: number[];
}

/** DetectorState is one node's detector: plain, structured-cloneable data for the node state. */
export interface DetectorState {
  config: DetectorConfig;
  /** The peers watched, by id. */
  peers: Record<NodeId, PeerHistory>;
  /** The peers suspected at the last {@link transitions} call, in the order they became so. */
  suspected: NodeId[];
}

/** Suspicion is how much a detector suspects one peer now. */
export interface Suspicion {
  suspected: boolean;
  /** φ (phi) or virtual ms since the last heartbeat (fixed); 0 for a peer not watched. */
  level: number;
}

/** DetectorChange is a peer becoming suspected (`suspected` true) or trusted again, with the level then. */
export interface DetectorChange {
  peer: NodeId;
  suspected: boolean;
  level: number;
}

/**
 * checkDetectorConfig throws a RangeError, in the user's words, when `config` has a knob out of range
 * (timeout < 1 ms, threshold ≤ 0, negative pause, deviation < 1 ms, window < 1, estimate < 1 ms).
 */
export function checkDetectorConfig(config: DetectorConfig): void {
  const bad = (what: string, got: unknown) => new RangeError(`failure detector: ${what} (got ${String(got)})`);
  if (config.kind === 'fixed') {
    if (!(config.timeoutMs >= 1)) throw bad('the fixed timeout must be at least 1 virtual ms', config.timeoutMs);
    return;
  }
  if (config.kind !== 'phi') throw bad('the detector must be fixed or phi', (config as { kind: unknown }).kind);
  if (!(config.threshold > 0)) throw bad('the φ threshold must be above 0', config.threshold);
  if (!(config.acceptablePauseMs >= 0)) throw bad('the acceptable pause must be 0 ms or more', config.acceptablePauseMs);
  if (!(config.minStdDeviationMs >= 1)) throw bad('the minimum standard deviation must be at least 1 ms', config.minStdDeviationMs);
  if (!(Number.isInteger(config.maxSampleSize) && config.maxSampleSize >= 1)) throw bad('the window must hold at least 1 sample', config.maxSampleSize);
  if (!(config.firstHeartbeatEstimateMs >= 1)) throw bad('the first heartbeat estimate must be at least 1 ms', config.firstHeartbeatEstimateMs);
}

/**
 * createDetector gives an empty detector that watches nobody yet.
 * @throws RangeError if `config` is out of range ({@link checkDetectorConfig}).
 */
export function createDetector(config: DetectorConfig): DetectorState {
  checkDetectorConfig(config);
  return { config, peers: {}, suspected: [] };
}

/** firstWindow is Akka's first history: the estimate ± a quarter of it. */
function firstWindow(config: DetectorConfig): number[] {
  if (config.kind !== 'phi') return [];
  const m = config.firstHeartbeatEstimateMs;
  return [m - m / 4, m + m / 4];
}

/**
 * watch starts watching `peer` at `atMs` as if a heartbeat had just come (the silence counts from
 * now). Watching a peer already watched changes nothing.
 */
export function watch(s: DetectorState, peer: NodeId, atMs: VirtualMs): DetectorState {
  if (s.peers[peer]) return s;
  return { ...s, peers: { ...s.peers, [peer]: { lastMs: atMs, intervals: firstWindow(s.config) } } };
}

/** unwatch stops watching `peer` (and forgets its history and any suspicion of it). */
export function unwatch(s: DetectorState, peer: NodeId): DetectorState {
  if (!s.peers[peer]) return s;
  const peers = { ...s.peers };
  delete peers[peer];
  return { ...s, peers, suspected: s.suspected.filter((p) => p !== peer) };
}

/**
 * heartbeat notes a heartbeat from `from` arriving at `atMs` (watching it if it was not watched).
 * As in Akka, the interval is added to φ's window only if the peer was not suspected at `atMs`: the
 * first heartbeat after a long silence would skew the statistics. Heartbeats must come in time order.
 */
export function heartbeat(s: DetectorState, from: NodeId, atMs: VirtualMs): DetectorState {
  const h = s.peers[from];
  if (!h) return watch(s, from, atMs);
  let intervals = h.intervals;
  if (s.config.kind === 'phi' && !suspicionOf(s.config, h, atMs).suspected) {
    intervals = [...h.intervals, atMs - h.lastMs];
    if (intervals.length > s.config.maxSampleSize) intervals = intervals.slice(intervals.length - s.config.maxSampleSize);
  }
  return { ...s, peers: { ...s.peers, [from]: { lastMs: atMs, intervals } } };
}

/** phiParams gives φ's mean (raised by the pause) and deviation (floored) for a peer's window. */
function phiParams(config: PhiConfig, h: PeerHistory): { meanMs: number; stdMs: number } {
  const { meanMs, stdMs } = intervalStats(h.intervals);
  return { meanMs: meanMs + config.acceptablePauseMs, stdMs: Math.max(stdMs, config.minStdDeviationMs) };
}

/** suspicionOf judges one peer's history at `nowMs`. */
function suspicionOf(config: DetectorConfig, h: PeerHistory, nowMs: VirtualMs): Suspicion {
  const silence = Math.max(0, nowMs - h.lastMs);
  if (config.kind === 'fixed') return { suspected: silence >= config.timeoutMs, level: silence };
  const { meanMs, stdMs } = phiParams(config, h);
  const level = phiOf(silence, meanMs, stdMs);
  return { suspected: level >= config.threshold, level };
}

/** suspicion gives how much `s` suspects `peer` at `nowMs`; a peer not watched is not suspected (level 0). */
export function suspicion(s: DetectorState, peer: NodeId, nowMs: VirtualMs): Suspicion {
  const h = s.peers[peer];
  return h ? suspicionOf(s.config, h, nowMs) : { suspected: false, level: 0 };
}

/** suspects lists the watched peers suspected at `nowMs`, in id order. */
export function suspects(s: DetectorState, nowMs: VirtualMs): NodeId[] {
  return Object.entries(s.peers)
    .filter(([, h]) => suspicionOf(s.config, h, nowMs).suspected)
    .map(([p]) => p)
    .sort();
}

/**
 * suspectAt gives the virtual time (ms) at which `peer` becomes suspected if no heartbeat arrives
 * before it (fixed: last + timeout; φ: when φ reaches Φ), or null for a peer not watched. A
 * protocol sets its check timer for this moment instead of polling.
 */
export function suspectAt(s: DetectorState, peer: NodeId): VirtualMs | null {
  const h = s.peers[peer];
  if (!h) return null;
  return h.lastMs + silenceToSuspect(s.config, h);
}

/** silenceToSuspect is the silence (virtual ms) after which a peer with history `h` is suspected. */
export function silenceToSuspect(config: DetectorConfig, h: PeerHistory): number {
  if (config.kind === 'fixed') return config.timeoutMs;
  const { meanMs, stdMs } = phiParams(config, h);
  return silenceForPhi(config.threshold, meanMs, stdMs);
}

/** nextSuspicionAt gives the earliest {@link suspectAt} among watched peers not yet suspected, or null. */
export function nextSuspicionAt(s: DetectorState): VirtualMs | null {
  let best: VirtualMs | null = null;
  for (const p of Object.keys(s.peers)) {
    if (s.suspected.includes(p)) continue;
    const at = suspectAt(s, p);
    if (at !== null && (best === null || at < best)) best = at;
  }
  return best;
}

/**
 * transitions compares who is suspected at `nowMs` with who was at the last call, and gives the
 * new state (with `suspected` brought up to date) and the changes: peers newly suspected and peers
 * trusted again (a heartbeat came), in id order.
 */
export function transitions(s: DetectorState, nowMs: VirtualMs): { state: DetectorState; changes: DetectorChange[] } {
  const changes: DetectorChange[] = [];
  const now = new Set(suspects(s, nowMs));
  for (const p of [...new Set([...s.suspected, ...now])].sort()) {
    const was = s.suspected.includes(p);
    const is = now.has(p);
    if (was !== is) changes.push({ peer: p, suspected: is, level: suspicion(s, p, nowMs).level });
  }
  if (changes.length === 0) return { state: s, changes };
  const kept = s.suspected.filter((p) => now.has(p));
  const added = changes.filter((c) => c.suspected).map((c) => c.peer);
  return { state: { ...s, suspected: [...kept, ...added] }, changes };
}
