/**
 * Shared failure-detector measures from a run's records (./records.ts) and its downtimes
 * (./downtime.ts): time to detect a crash, false suspicions, and the same two replayed against
 * other thresholds (the detector plot). Pure: records in, numbers out.
 *
 * Definitions (issue 14 §1; more-protocols.md §3):
 * - a **detection** is a `suspect` record by a node `o` of a peer `p` while `p` is crashed; its time
 *   is from the crash to `o`'s first suspicion of `p` after it (one per crash and watching node);
 * - a **false suspicion** is a `suspect` record of a peer that was not crashed then: up, or paused
 *   (a paused node is alive, its silence is the detector's mistake);
 * - the false-suspicion **rate** is false suspicions per minute of watching (the virtual minutes,
 *   summed over every watching node and peer, in which a node watched a peer).
 */
import type { NodeId, VirtualMs } from '../types';
import { type DetectorConfig, createDetector, heartbeat, suspectAt, suspicion, watch } from './detector';
import { type Downtime, crashedAt, downAt } from './downtime';

/** DetectorRecord is the part of a `record` trace record read here. */
export interface DetectorRecord {
  t: VirtualMs;
  kind: string;
  node: NodeId;
  peer?: unknown;
  level?: unknown;
  [field: string]: unknown;
}

/** Detection is one crash of `peer` detected by `observer` after `ms` virtual ms. */
export interface Detection {
  observer: NodeId;
  peer: NodeId;
  crashMs: VirtualMs;
  detectedMs: VirtualMs;
  ms: number;
}

/** FalseSuspicion is a suspicion of a live (or paused) peer. */
export interface FalseSuspicion {
  observer: NodeId;
  peer: NodeId;
  t: VirtualMs;
  level: number;
  /** Whether the peer was paused then (else it was up and running). */
  paused: boolean;
}

/** DetectorMeasures are a run's detector measures; see the module comment for the definitions. */
export interface DetectorMeasures {
  detections: Detection[];
  falseSuspicions: FalseSuspicion[];
  /** Every `suspect` record. */
  suspicions: number;
  /** Virtual minutes of watching, summed over watching node and peer. */
  watchedMinutes: number;
  /** False suspicions per watched minute (0 with nothing watched). */
  falsePerMinute: number;
}

const peerOf = (r: DetectorRecord): NodeId | null => (typeof r.peer === 'string' ? r.peer : null);

/** Segment is one stretch in which `observer` watched `peer`, with the heartbeats it got. */
export interface Segment {
  observer: NodeId;
  peer: NodeId;
  startMs: VirtualMs;
  arrivals: VirtualMs[];
  endMs: VirtualMs;
}

/**
 * watchSegments rebuilds who watched whom and when from `watch`, `heartbeat`, `unwatch` records
 * and the observers' crashes, to `endMs` (the run's end). A watch that ended because the peer was
 * suspected while down (an `unwatch` after a `suspect` with the peer crashed or paused) is carried on
 * until the peer is back: replayed at a higher threshold, the node would have waited that long.
 */
export function watchSegments(records: readonly DetectorRecord[], downtimes: readonly Downtime[], endMs: VirtualMs): Segment[] {
  const open = new Map<string, Segment & { suspectedDown: boolean }>();
  const done: Segment[] = [];
  const key = (o: NodeId, p: NodeId) => `${o}\u0000${p}`;
  const close = (k: string, at: VirtualMs) => {
    const s = open.get(k);
    if (!s) return;
    open.delete(k);
    let end = at;
    const d = s.suspectedDown ? downAt(downtimes, s.peer, at) : null;
    if (d) end = d.toMs ?? endMs;
    const own = downtimes.find((x) => x.node === s.observer && x.cause === 'crash' && x.fromMs >= s.startMs && x.fromMs < end);
    if (own) end = Math.min(end, own.fromMs);
    done.push({ observer: s.observer, peer: s.peer, startMs: s.startMs, arrivals: s.arrivals, endMs: Math.max(end, s.startMs) });
  };
  // An observer's crash ends its watches (its detector is volatile state).
  const crashes = downtimes.filter((d) => d.cause === 'crash').sort((a, b) => a.fromMs - b.fromMs);
  let ci = 0;
  const sorted = [...records].sort((a, b) => a.t - b.t);
  const crashUpTo = (t: VirtualMs) => {
    for (let c = crashes[ci]; c && c.fromMs <= t; c = crashes[++ci]) {
      for (const [k, s] of [...open]) if (s.observer === c.node) close(k, c.fromMs);
    }
  };
  for (const r of sorted) {
    crashUpTo(r.t);
    const p = peerOf(r);
    if (!p) continue;
    const k = key(r.node, p);
    if (r.kind === 'watch' || (r.kind === 'heartbeat' && !open.has(k))) {
      if (!open.has(k)) open.set(k, { observer: r.node, peer: p, startMs: r.t, arrivals: [], endMs: r.t, suspectedDown: false });
      if (r.kind === 'heartbeat') open.get(k)!.arrivals.push(r.t);
    } else if (r.kind === 'heartbeat') {
      const s = open.get(k)!;
      s.arrivals.push(r.t);
      s.suspectedDown = false;
    } else if (r.kind === 'suspect') {
      const s = open.get(k);
      if (s) s.suspectedDown = downAt(downtimes, p, r.t) !== null;
    } else if (r.kind === 'unwatch') close(k, r.t);
  }
  crashUpTo(endMs);
  for (const k of [...open.keys()]) close(k, endMs);
  return done.sort((a, b) => a.startMs - b.startMs || a.observer.localeCompare(b.observer) || a.peer.localeCompare(b.peer));
}

const watchedMinutesOf = (segments: readonly Segment[]): number => segments.reduce((m, s) => m + Math.max(0, s.endMs - s.startMs), 0) / 60_000;

/**
 * detectorMeasures measures the run as it went: its `suspect` records against `downtimes`, to
 * `endMs` (virtual ms).
 */
export function detectorMeasures(records: readonly DetectorRecord[], downtimes: readonly Downtime[], endMs: VirtualMs): DetectorMeasures {
  const detections: Detection[] = [];
  const falseSuspicions: FalseSuspicion[] = [];
  const seen = new Set<string>();
  let suspicions = 0;
  for (const r of records) {
    const p = peerOf(r);
    if (r.kind !== 'suspect' || !p) continue;
    suspicions++;
    const d = downAt(downtimes, p, r.t);
    if (d?.cause === 'crash') {
      const k = `${r.node}\u0000${p}\u0000${d.fromMs}`;
      if (!seen.has(k)) {
        seen.add(k);
        detections.push({ observer: r.node, peer: p, crashMs: d.fromMs, detectedMs: r.t, ms: r.t - d.fromMs });
      }
    } else falseSuspicions.push({ observer: r.node, peer: p, t: r.t, level: typeof r.level === 'number' ? r.level : 0, paused: d?.cause === 'pause' });
  }
  const watchedMinutes = watchedMinutesOf(watchSegments(records, downtimes, endMs));
  return { detections, falseSuspicions, suspicions, watchedMinutes, falsePerMinute: watchedMinutes > 0 ? falseSuspicions.length / watchedMinutes : 0 };
}

/** SweepPoint is the run's heartbeats replayed against one threshold. */
export interface SweepPoint {
  /** The timeout (virtual ms, fixed) or Φ (phi). */
  threshold: number;
  /** Crashes detected, counted per watching node. */
  detected: number;
  /** Crashes a watching node did not detect before the peer came back, it stopped watching or the run ended. */
  missed: number;
  /** Mean time to detect (virtual ms), null when nothing was detected. */
  meanDetectionMs: number | null;
  /** The largest time to detect (virtual ms), null when nothing was detected. */
  maxDetectionMs: number | null;
  falseSuspicions: number;
  /** False suspicions per watched minute. */
  falsePerMinute: number;
}

/** withThreshold gives `config` with its threshold (the timeout for fixed, Φ for phi) set to `threshold`. */
export const withThreshold = (config: DetectorConfig, threshold: number): DetectorConfig =>
  config.kind === 'fixed' ? { ...config, timeoutMs: threshold } : { ...config, threshold };

/**
 * defaultThresholds gives the thresholds the detector plot sweeps for `config`: for a fixed timeout,
 * a quarter of it to four times it; for φ, Φ from 0.5 to 16 (Akka's 8 and EC2's 10–12 among them).
 */
export function defaultThresholds(config: DetectorConfig): number[] {
  if (config.kind === 'fixed') return [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4].map((f) => Math.max(1, Math.round(config.timeoutMs * f)));
  return [0.5, 1, 2, 3, 4, 6, 8, 10, 12, 16];
}

/**
 * replaySegment replays one watch with detector `config` and gives the suspicions it would have
 * raised, as virtual times: at most one per silence between heartbeats (and after the last).
 */
export function replaySegment(config: DetectorConfig, seg: Segment): VirtualMs[] {
  let s = watch(createDetector(config), seg.peer, seg.startMs);
  const out: VirtualMs[] = [];
  for (const a of seg.arrivals) {
    const at = suspectAt(s, seg.peer)!;
    if (at <= a && suspicion(s, seg.peer, at).suspected) out.push(at);
    s = heartbeat(s, seg.peer, a);
  }
  const at = suspectAt(s, seg.peer)!;
  if (at <= seg.endMs) out.push(at);
  return out;
}

/**
 * thresholdSweep replays the run's heartbeat arrivals (the watches of {@link watchSegments})
 * against each of `thresholds` with `base`'s other knobs, and measures each as
 * {@link detectorMeasures} does. The replay is what the detector would have said; the run itself
 * might have gone otherwise had it said so (an election earlier or later).
 * @throws RangeError if a threshold is out of range for the detector.
 */
export function thresholdSweep(
  records: readonly DetectorRecord[],
  downtimes: readonly Downtime[],
  base: DetectorConfig,
  thresholds: readonly number[],
  endMs: VirtualMs,
): SweepPoint[] {
  const segments = watchSegments(records, downtimes, endMs);
  const minutes = watchedMinutesOf(segments);
  const crashes = downtimes.filter((d) => d.cause === 'crash');
  return thresholds.map((threshold) => {
    const config = withThreshold(base, threshold);
    const times: number[] = [];
    let falseSuspicions = 0;
    let missed = 0;
    for (const seg of segments) {
      const raised = replaySegment(config, seg);
      for (const t of raised) if (!crashedAt(downtimes, seg.peer, t)) falseSuspicions++;
      for (const c of crashes) {
        if (c.node !== seg.peer || c.fromMs < seg.startMs || c.fromMs >= seg.endMs) continue;
        const until = Math.min(c.toMs ?? endMs, seg.endMs);
        const hit = raised.find((t) => t >= c.fromMs && t <= until);
        if (hit === undefined) missed++;
        else times.push(hit - c.fromMs);
      }
    }
    return {
      threshold,
      detected: times.length,
      missed,
      meanDetectionMs: times.length ? times.reduce((a, b) => a + b, 0) / times.length : null,
      maxDetectionMs: times.length ? Math.max(...times) : null,
      falseSuspicions,
      falsePerMinute: minutes > 0 ? falseSuspicions / minutes : 0,
    };
  });
}
