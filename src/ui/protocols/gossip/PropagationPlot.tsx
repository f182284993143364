/**
 * PropagationPlot: the fraction of live nodes informed of one value against virtual time since it
 * first arrived (a step per receipt), with the curve Demers et al. 1987 expect (§1.3's recurrence,
 * one point per cycle, dashed) and a mark at log₂ n cycles. d3 computes the scales and paths; React
 * draws the SVG.
 */
import { line, scaleLinear, curveStepAfter, curveMonotoneX } from 'd3';
import { memo } from 'react';

/** PropagationPlotProps: both curves as [virtual ms since first receipt, fraction 0–1]. */
export interface PropagationPlotProps {
  informed: readonly [number, number][];
  expected: readonly [number, number][];
  /** One cycle (virtual ms), for the log₂ n mark; null when unknown. */
  cycleMs: number | null;
  /** Live nodes. */
  n: number;
}

const W = 320;
const H = 150;
const M = { top: 10, right: 10, bottom: 30, left: 38 };

export const PropagationPlot = memo(function PropagationPlot({ informed, expected, cycleMs, n }: PropagationPlotProps) {
  const last = Math.max(informed.at(-1)?.[0] ?? 0, expected.at(-1)?.[0] ?? 0, 100);
  const x = scaleLinear().domain([0, last]).range([M.left, W - M.right]).nice();
  const y = scaleLinear().domain([0, 1]).range([H - M.bottom, M.top]);
  const steps = informed.length ? ([[0, 0], ...informed, [x.domain()[1]!, informed.at(-1)![1]]] as [number, number][]) : [];
  const seen = line<[number, number]>().x((d) => x(d[0])).y((d) => y(d[1])).curve(curveStepAfter)(steps) ?? '';
  const model = line<[number, number]>().x((d) => x(d[0])).y((d) => y(d[1])).curve(curveMonotoneX)([...expected]) ?? '';
  const logN = cycleMs !== null && n > 1 ? Math.log2(n) * cycleMs : null;
  return (
    <svg className="gossip-plot" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Fraction of nodes informed against virtual time, beside the expected curve" data-testid="gossip-plot">
      {y.ticks(4).map((t) => (
        <g key={t}>
          <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className="gossip-grid" />
          <text x={M.left - 5} y={y(t)} dy="0.32em" textAnchor="end" className="gossip-tick">
            {Math.round(t * 100)}%
          </text>
        </g>
      ))}
      {x.ticks(5).map((t) => (
        <text key={t} x={x(t)} y={H - M.bottom + 14} textAnchor="middle" className="gossip-tick">
          {t}
        </text>
      ))}
      <text x={(M.left + W - M.right) / 2} y={H - 2} textAnchor="middle" className="gossip-tick">
        virtual ms since first receipt
      </text>
      {logN !== null && logN <= x.domain()[1]! ? (
        <g>
          <line x1={x(logN)} x2={x(logN)} y1={M.top} y2={H - M.bottom} className="gossip-logn" />
          <text x={x(logN) + (x(logN) > W * 0.7 ? -3 : 3)} y={M.top + 9} textAnchor={x(logN) > W * 0.7 ? 'end' : 'start'} className="gossip-tick">
            log₂ n cycles
          </text>
        </g>
      ) : null}
      <path d={model} className="gossip-expected" data-testid="gossip-expected" />
      <path d={seen} className="gossip-seen" data-testid="gossip-seen" />
    </svg>
  );
});
