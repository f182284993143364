/**
 * DetectorPlot: the run's heartbeats replayed against other thresholds (core
 * detectors/measures.ts thresholdSweep): mean time to detect a crash (solid, left axis, virtual ms)
 * and false suspicions per watched minute (dashed, right axis) against the threshold (the timeout
 * in ms, or Φ), with the threshold in use marked. The trade-off of issue 14 §1 in one picture: a
 * lower threshold detects sooner and suspects live nodes more often. d3 computes the scales and
 * paths; React draws the SVG. Shared by every protocol that runs a detector.
 */
import { line, max, scaleLinear } from 'd3';
import { memo } from 'react';
import type { DetectorKind } from '../../core/detectors/detector';
import type { SweepPoint } from '../../core/detectors/measures';
import './detectors.css';

export interface DetectorPlotProps {
  sweep: readonly SweepPoint[];
  kind: DetectorKind;
  /** The threshold the run uses. */
  threshold: number;
}

const W = 330;
const H = 160;
const M = { top: 12, right: 40, bottom: 30, left: 44 };

export const DetectorPlot = memo(function DetectorPlot({ sweep, kind, threshold }: DetectorPlotProps) {
  if (sweep.length === 0) return null;
  const xs = sweep.map((p) => p.threshold);
  const x = scaleLinear().domain([Math.min(...xs, threshold), Math.max(...xs, threshold)]).range([M.left, W - M.right]);
  const detect = sweep.filter((p) => p.meanDetectionMs !== null);
  const yD = scaleLinear().domain([0, max(detect, (p) => p.meanDetectionMs!) ?? 1]).nice().range([H - M.bottom, M.top]);
  const yF = scaleLinear().domain([0, Math.max(1, max(sweep, (p) => p.falsePerMinute) ?? 1)]).nice().range([H - M.bottom, M.top]);
  const dPath = line<SweepPoint>().x((p) => x(p.threshold)).y((p) => yD(p.meanDetectionMs!))(detect) ?? '';
  const fPath = line<SweepPoint>().x((p) => x(p.threshold)).y((p) => yF(p.falsePerMinute))([...sweep]) ?? '';
  const xLabel = kind === 'phi' ? 'threshold Φ' : 'timeout (virtual ms)';
  return (
    <figure className="fd-plot-wrap">
      <svg className="fd-plot" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Mean time to detect a crash and false suspicions per minute against the ${xLabel}`} data-testid="fd-plot">
        {yD.ticks(4).map((t) => (
          <g key={`d${t}`}>
            <line x1={M.left} x2={W - M.right} y1={yD(t)} y2={yD(t)} className="fd-grid" />
            <text x={M.left - 4} y={yD(t)} dy="0.32em" textAnchor="end" className="fd-tick fd-detect-ink">
              {t}
            </text>
          </g>
        ))}
        {yF.ticks(4).map((t) => (
          <text key={`f${t}`} x={W - M.right + 4} y={yF(t)} dy="0.32em" className="fd-tick fd-false-ink">
            {t}
          </text>
        ))}
        {x.ticks(5).map((t) => (
          <text key={t} x={x(t)} y={H - M.bottom + 13} textAnchor="middle" className="fd-tick">
            {t}
          </text>
        ))}
        <text x={(M.left + W - M.right) / 2} y={H - 3} textAnchor="middle" className="fd-tick">
          {xLabel}
        </text>
        <line x1={x(threshold)} x2={x(threshold)} y1={M.top} y2={H - M.bottom} className="fd-now" />
        <path d={dPath} className="fd-detect" data-testid="fd-detect-line" />
        <path d={fPath} className="fd-falses" data-testid="fd-false-line" />
        {detect.map((p) => (
          <circle key={`d${p.threshold}`} cx={x(p.threshold)} cy={yD(p.meanDetectionMs!)} r={2.5} className="fd-detect-dot">
            <title>{`${p.threshold}: detected ${p.detected} crash${p.detected === 1 ? '' : 'es'} in ${Math.round(p.meanDetectionMs!)} ms on average (at most ${p.maxDetectionMs} ms), missed ${p.missed}`}</title>
          </circle>
        ))}
        {sweep.map((p) => (
          <circle key={`f${p.threshold}`} cx={x(p.threshold)} cy={yF(p.falsePerMinute)} r={2.5} className="fd-false-dot">
            <title>{`${p.threshold}: ${p.falseSuspicions} false suspicion${p.falseSuspicions === 1 ? '' : 's'} (${p.falsePerMinute.toFixed(2)} per watched minute)`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="fd-keys">
        <span className="fd-line fd-detect" /> mean detection (ms, left) <span className="fd-line fd-falses" /> false suspicions / watched min (right) <span className="fd-line fd-now" /> in use
      </figcaption>
    </figure>
  );
});
