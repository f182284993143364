/**
 * The failure-detector view's model, shared by every protocol that uses src/core/detectors: each
 * node's suspicion of each other node at the moment shown, as φ or ms since the last heartbeat,
 * graded against the detector's threshold, with false suspicions marked (a suspected peer that is
 * not crashed: up, or merely paused). Pure: no React, no DOM.
 */
import { suspicion, type DetectorKind, type DetectorState } from '../../core/detectors/detector';
import { thresholdOf } from '../../core/detectors/records';
import type { NodeId, VirtualMs } from '../../core/types';

/**
 * Grade places a level against the threshold: `calm` below half of it, `warm` from half to just
 * under it, `suspected` at or over it; `none` where nothing is judged (the diagonal, a node down or
 * not watching).
 */
export type Grade = 'none' | 'calm' | 'warm' | 'suspected';

/** MatrixCell is one observer's view of one peer. */
export interface MatrixCell {
  observer: NodeId;
  peer: NodeId;
  /** φ or ms of silence; null where nothing is judged. */
  level: number | null;
  grade: Grade;
  /** Suspected while the peer is not crashed: a false suspicion. */
  falseSuspicion: boolean;
}

/** SuspicionMatrixModel is the whole matrix: rows are observers, columns peers, in `nodes` order. */
export interface SuspicionMatrixModel {
  nodes: NodeId[];
  rows: MatrixCell[][];
  /** The detector the first watching node runs, or null when no node has one. */
  detector: DetectorKind | null;
  /** Its threshold: the timeout (ms) or Φ. */
  threshold: number | null;
  /** How many cells hold a false suspicion. */
  falseSuspicions: number;
}

/** SuspicionMatrixInput is what the model reads: each node's detector (null when down or unknown), the time shown and the crashed nodes. */
export interface SuspicionMatrixInput {
  nodes: readonly NodeId[];
  detectors: Readonly<Record<NodeId, DetectorState | null | undefined>>;
  now: VirtualMs;
  crashed: ReadonlySet<NodeId>;
}

/** gradeOf grades `level` against `threshold` (see {@link Grade}). */
export const gradeOf = (level: number, threshold: number): Grade => (level >= threshold ? 'suspected' : level >= threshold / 2 ? 'warm' : 'calm');

/** buildSuspicionMatrix builds the matrix (see {@link SuspicionMatrixModel}). */
export function buildSuspicionMatrix({ nodes, detectors, now, crashed }: SuspicionMatrixInput): SuspicionMatrixModel {
  let detector: DetectorKind | null = null;
  let threshold: number | null = null;
  let falseSuspicions = 0;
  const rows = nodes.map((observer) => {
    const fd = crashed.has(observer) ? null : detectors[observer] ?? null;
    if (fd && detector === null) {
      detector = fd.config.kind;
      threshold = thresholdOf(fd.config);
    }
    return nodes.map((peer): MatrixCell => {
      if (!fd || peer === observer || !fd.peers[peer]) return { observer, peer, level: null, grade: 'none', falseSuspicion: false };
      const { level, suspected } = suspicion(fd, peer, now);
      const grade = suspected ? 'suspected' : gradeOf(level, thresholdOf(fd.config));
      const falseSuspicion = suspected && !crashed.has(peer);
      if (falseSuspicion) falseSuspicions++;
      return { observer, peer, level, grade, falseSuspicion };
    });
  });
  return { nodes: [...nodes], rows, detector, threshold, falseSuspicions };
}

/** levelText words a level for a cell: φ with one decimal (≥ 100 as `≥100`), or whole ms. */
export function levelText(kind: DetectorKind | null, level: number | null): string {
  if (level === null) return '';
  if (kind === 'phi') return level >= 100 ? '≥100' : level.toFixed(1);
  return `${Math.round(level)}`;
}
