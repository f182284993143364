/**
 * SpreadPlot: the fraction of live members whose list holds one membership change against virtual
 * time since the first list took it (a step per member), with marks every protocol period T′, so
 * the O(log n) periods of infection-style dissemination (Das et al. 2002 §4.1) can be counted. d3
 * computes the scales and paths; React draws the SVG.
 */
import { curveStepAfter, line, scaleLinear } from 'd3';
import { memo } from 'react';

/** SpreadPlotProps: the spread as [virtual ms since first, fraction 0–1], and the period T′ (virtual ms). */
export interface SpreadPlotProps {
  spread: readonly [number, number][];
  periodMs: number;
}

const W = 320;
const H = 140;
const M = { top: 10, right: 10, bottom: 30, left: 38 };

export const SpreadPlot = memo(function SpreadPlot({ spread, periodMs }: SpreadPlotProps) {
  const last = Math.max(spread.at(-1)?.[0] ?? 0, periodMs * 2);
  const x = scaleLinear().domain([0, last]).range([M.left, W - M.right]).nice();
  const y = scaleLinear().domain([0, 1]).range([H - M.bottom, M.top]);
  const steps = spread.length ? ([[0, 0], ...spread, [x.domain()[1]!, spread.at(-1)![1]]] as [number, number][]) : [];
  const path = line<[number, number]>().x((d) => x(d[0])).y((d) => y(d[1])).curve(curveStepAfter)(steps) ?? '';
  const periods: number[] = [];
  for (let t = periodMs; t <= x.domain()[1]! && periods.length < 40; t += periodMs) periods.push(t);
  return (
    <svg className="swim-plot" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Fraction of live members that know the change against virtual time" data-testid="swim-plot">
      {periods.map((t) => (
        <line key={t} x1={x(t)} x2={x(t)} y1={M.top} y2={H - M.bottom} className="swim-period" />
      ))}
      {y.ticks(4).map((t) => (
        <g key={t}>
          <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className="swim-grid" />
          <text x={M.left - 5} y={y(t)} dy="0.32em" textAnchor="end" className="swim-tick">
            {Math.round(t * 100)}%
          </text>
        </g>
      ))}
      {x.ticks(5).map((t) => (
        <text key={t} x={x(t)} y={H - M.bottom + 14} textAnchor="middle" className="swim-tick">
          {t}
        </text>
      ))}
      <text x={(M.left + W - M.right) / 2} y={H - 2} textAnchor="middle" className="swim-tick">
        virtual ms since the first member knew (ticks: periods T′)
      </text>
      <path d={path} className="swim-seen" data-testid="swim-seen" />
    </svg>
  );
});
