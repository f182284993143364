/**
 * HistoryChart: the client history as one bar per operation over virtual time, a lane per client,
 * as Porcupine's visualisation draws it. For a history that is not linearizable it shows the key
 * that failed: the longest order the checker could find is numbered in green, and the operations
 * that cannot come next are red (the one that returned first, which had to be next, is outlined).
 * Operations whose outcome is unknown run to the right edge, dashed.
 */
import { scaleLinear } from 'd3';
import { useEffect, useMemo } from 'react';
import { describeKvOperation, type KvHistory } from '../../core/check/linearizability';
import { useShallow } from 'zustand/react/shallow';
import { useChecks, type LinView } from '../store/checks';

const LANE_H = 26;
const LEFT = 56;
const WIDTH = 880;
/** Room a label needs after its bar (px); closer to the right edge, it goes before the bar. */
const LABEL_ROOM = 130;
const MAX_OPS = 400;

interface Row {
  id: number;
  client: string;
  call: number;
  ret: number;
  open: boolean;
  label: string;
  kind: 'ordered' | 'stuck' | 'first' | 'other';
  order: number | null;
}

function rowsOf(lin: LinView): { rows: Row[]; key: string | null; clients: string[]; t0: number; t1: number; clipped: number } {
  const bad = lin.result.keys.find((k) => k.verdict === 'not linearizable' && k.partial);
  const key = bad ? bad.key : null;
  let ops: KvHistory = key === null ? lin.history : lin.history.filter((o) => o.input.key === key);
  const clipped = Math.max(0, ops.length - MAX_OPS);
  if (clipped) ops = [...ops].sort((a, b) => a.call - b.call).slice(-MAX_OPS);
  const order = new Map<number, number>((bad?.partial?.prefix ?? []).map((id, i) => [id, i + 1]));
  const stuck = new Set(bad?.partial?.stuck ?? []);
  const first = bad?.partial?.firstReturn;
  const finite = ops.flatMap((o) => (Number.isFinite(o.return) ? [o.call, o.return] : [o.call]));
  const t0 = Math.min(...finite, lin.at);
  const t1 = Math.max(...finite, lin.at, t0 + 1);
  const rows = ops.map<Row>((o) => ({
    id: o.id,
    client: o.client,
    call: o.call,
    ret: Number.isFinite(o.return) ? o.return : t1,
    open: !Number.isFinite(o.return),
    label: describeKvOperation(o.input, o.output),
    kind: o.id === first ? 'first' : stuck.has(o.id) ? 'stuck' : order.has(o.id) ? 'ordered' : 'other',
    order: order.get(o.id) ?? null,
  }));
  const clients = [...new Set(rows.map((r) => r.client))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return { rows, key, clients, t0, t1, clipped };
}

export function HistoryChart() {
  const { open, lin } = useChecks(useShallow((c) => ({ open: c.historyOpen, lin: c.lin })));
  const close = () => useChecks.getState().set({ historyOpen: false });
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  const data = useMemo(() => (lin ? rowsOf(lin) : null), [lin]);
  if (!open || !lin || !data) return null;
  const { rows, key, clients, t0, t1, clipped } = data;
  const x = scaleLinear().domain([t0, t1]).range([LEFT, WIDTH - 10]);
  const lane = new Map(clients.map((c, i) => [c, i]));
  const height = clients.length * LANE_H + 36;
  const bad = lin.result.verdict === 'not linearizable';
  return (
    <div className="dialog-backdrop" onClick={close}>
      <div className="dialog history-dialog" role="dialog" aria-label="Client history" data-testid="history-chart" onClick={(e) => e.stopPropagation()}>
        <header>
          <h2>
            Client history{key !== null ? ` of key ${JSON.stringify(key)}` : ''}: <span className={bad ? 'bad' : 'good'}>{lin.result.verdict}</span>
          </h2>
          <button onClick={close} aria-label="Close">
            ✕
          </button>
        </header>
        <p className="hint">
          {bad
            ? `${lin.result.reason ?? ''}. Green: the longest order that works, numbered. Red: operations that cannot come next; outlined: the one that returned first, so one of the red ones had to take effect before it returned.`
            : 'Each bar runs from an operation’s call to its return. Every operation could take effect at some point inside its bar, one at a time.'}
          {clipped ? ` Showing the last ${MAX_OPS} operations of ${rows.length + clipped}.` : ''}
        </p>
        <div className="history-scroll">
          <svg width={WIDTH} height={height} className="history-svg">
            {x.ticks(8).map((t) => (
              <g key={t} transform={`translate(${x(t)},0)`}>
                <line y1={14} y2={height} className="tick" />
                <text y={10} textAnchor="middle">
                  {t} ms
                </text>
              </g>
            ))}
            {clients.map((c, i) => (
              <text key={c} x={4} y={24 + i * LANE_H + LANE_H / 2} className="lane-label">
                {c}
              </text>
            ))}
            {rows.map((r) => {
              const y = 24 + lane.get(r.client)! * LANE_H + 3;
              const w = Math.max(3, x(r.ret) - x(r.call));
              return (
                <g key={r.id} className={`op op-${r.kind}${r.open ? ' op-open' : ''}`} data-op-kind={r.kind}>
                  <title>{`${r.client}: ${r.label}, called at ${r.call} ms, ${r.open ? 'outcome unknown' : `returned at ${r.ret} ms`}`}</title>
                  <rect x={x(r.call)} y={y} width={w} height={LANE_H - 6} rx={3} />
                  {/* The label goes inside a wide bar, else just after it, or just before it near the right edge. */}
                  <text
                    x={w > 120 ? x(r.call) + 4 : x(r.call) + w + 4 > WIDTH - LABEL_ROOM ? x(r.call) - 4 : x(r.call) + w + 4}
                    textAnchor={w <= 120 && x(r.call) + w + 4 > WIDTH - LABEL_ROOM ? 'end' : 'start'}
                    y={y + LANE_H / 2 + 1}
                    dominantBaseline="middle"
                  >
                    {r.order !== null ? `${r.order}. ` : ''}
                    {r.label}
                  </text>
                </g>
              );
            })}
          </svg>
        </div>
      </div>
    </div>
  );
}
