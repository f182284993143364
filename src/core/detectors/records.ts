/**
 * The shared trace records of the failure detectors, and step helpers that update a detector and
 * write them. Every protocol that uses a detector declares {@link DETECTOR_RECORD_KINDS} among its
 * `recordKinds`, so the shared measures (./measures.ts) and the shared view (src/ui/detectors) read
 * any protocol's run alike:
 * - `watch` {peer, detector}: the node starts watching `peer`;
 * - `unwatch` {peer}: it stops;
 * - `heartbeat` {peer}: a heartbeat from `peer` reached the node;
 * - `suspect` {peer, level, detector, threshold, ...extra}: the node now suspects `peer`;
 * - `unsuspect` {peer, level, detector, ...extra}: it trusts `peer` again (a heartbeat came).
 * `node` (every record's own field) is the watching node. `level` is φ or the silence in virtual ms.
 */
import type { RecordKind, StepEnv } from '../protocol';
import type { NodeId } from '../types';
import { type DetectorChange, type DetectorConfig, type DetectorState, heartbeat, transitions, unwatch, watch } from './detector';

/** DETECTOR_RECORD_KINDS declares the shared detector records, for a protocol's `recordKinds`. */
export const DETECTOR_RECORD_KINDS: readonly RecordKind[] = [
  { kind: 'watch', title: 'a node starts watching a peer', fields: { peer: 'the peer watched', detector: 'fixed or phi' } },
  { kind: 'unwatch', title: 'a node stops watching a peer', fields: { peer: 'the peer no longer watched' } },
  { kind: 'heartbeat', title: 'a heartbeat reaches a watching node', fields: { peer: 'the peer it came from' }, routine: true },
  {
    kind: 'suspect',
    title: 'a failure detector suspects a peer',
    fields: {
      peer: 'the peer suspected',
      level: 'φ (phi) or virtual ms since its last heartbeat (fixed) when suspicion began',
      detector: 'fixed or phi',
      threshold: 'the timeout (ms) or Φ crossed',
    },
  },
  {
    kind: 'unsuspect',
    title: 'a failure detector trusts a peer again',
    fields: { peer: 'the peer trusted again', level: 'φ or ms of silence when its heartbeat came', detector: 'fixed or phi' },
  },
];

/** DETECTOR_RECORD_NAMES is the set of the shared detector record kinds. */
export const DETECTOR_RECORD_NAMES: ReadonlySet<string> = new Set(DETECTOR_RECORD_KINDS.map((k) => k.kind));

/** thresholdOf is the knob a detector's suspicion crosses: the timeout (virtual ms) or Φ. */
export const thresholdOf = (config: DetectorConfig): number => (config.kind === 'fixed' ? config.timeoutMs : config.threshold);

/** RecordEnv is the part of a step's env the helpers use. */
export type RecordEnv = Pick<StepEnv<unknown>, 'now' | 'record'>;

/** watchPeer is {@link watch} at `env.now`, writing a `watch` record when the peer was not watched. */
export function watchPeer(s: DetectorState, peer: NodeId, env: RecordEnv): DetectorState {
  if (s.peers[peer]) return s;
  env.record('watch', { peer, detector: s.config.kind });
  return watch(s, peer, env.now);
}

/** unwatchPeer is {@link unwatch}, writing an `unwatch` record when the peer was watched. */
export function unwatchPeer(s: DetectorState, peer: NodeId, env: RecordEnv): DetectorState {
  if (!s.peers[peer]) return s;
  env.record('unwatch', { peer });
  return unwatch(s, peer);
}

/**
 * heardFrom is {@link heartbeat} at `env.now`, writing a `heartbeat` record (and a `watch` record
 * first if the peer was not watched). Call {@link checkPeers} after it to report the peer trusted
 * again.
 */
export function heardFrom(s: DetectorState, from: NodeId, env: RecordEnv): DetectorState {
  const watched = watchPeer(s, from, env);
  env.record('heartbeat', { peer: from });
  return watched === s ? heartbeat(s, from, env.now) : watched;
}

/**
 * checkPeers is {@link transitions} at `env.now`, writing a `suspect` or `unsuspect` record per
 * change, with `extra` fields (e.g. a protocol's round: `{round: 3}`) added to each.
 */
export function checkPeers(
  s: DetectorState,
  env: RecordEnv,
  extra: Record<string, unknown> = {},
): { state: DetectorState; changes: DetectorChange[] } {
  const r = transitions(s, env.now);
  for (const c of r.changes) {
    const level = Math.round(c.level * 100) / 100;
    if (c.suspected) env.record('suspect', { peer: c.peer, level, detector: s.config.kind, threshold: thresholdOf(s.config), ...extra });
    else env.record('unsuspect', { peer: c.peer, level, detector: s.config.kind, ...extra });
  }
  return r;
}
