/**
 * compareTable words a {@link CompareReport} as one plain-text table, the two sides in columns:
 * what `npm run sim -- … --compare a,b` prints (its `--json` prints the report itself).
 */
import type { CompareReport, CompareSideReport } from '../core/check/compare-report';

/** Row is a measure's name and one cell per side. */
type Row = [string, string, string];

const ms = (n: number) => `${n.toLocaleString('en-US')} ms`;

/** faultRows gives one row per fault in either run, matched by time and action; a side that skipped it says so. */
function faultRows(sides: readonly CompareSideReport[]): Row[] {
  const keys = new Map<string, { t: number; text: string }>();
  for (const s of sides) for (const f of s.report.faults) if (!keys.has(`${f.t} ${f.action}`)) keys.set(`${f.t} ${f.action}`, { t: f.t, text: f.text });
  return [...keys.entries()]
    .sort((a, b) => a[1].t - b[1].t)
    .map(([key, { t, text }]) => {
      const cell = (s: CompareSideReport) => {
        const f = s.report.faults.find((x) => `${x.t} ${x.action}` === key);
        if (!f) return s.skipped.some((k) => `${k.at} ${k.action}` === key) ? 'skipped' : '—';
        const r = f.recoveryMs === null ? 'not recovered' : ms(f.recoveryMs);
        return f.text === text ? r : `${r} (${f.text})`;
      };
      return [`unavailable after ${text} at ${ms(t)}`, cell(sides[0]!), cell(sides[1]!)];
    });
}

/** leadershipCell words who led, e.g. `leader ×3 in 3 terms (term 4 reached)`; `leader-free` when the protocol has no leader. */
function leadershipCell(s: CompareSideReport): string {
  const l = s.measures.leadership;
  if (!l) return 'leader-free';
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (l.epochName === null) return `${l.role} ×${l.leaders}`;
  return `${l.role} ×${l.leaders} in ${plural(l.epochs, l.epochName)} (${l.epochName} ${l.maxEpoch} reached)`;
}

/** compareTable gives the report as aligned text lines, ending in a newline. */
export function compareTable(r: CompareReport): string {
  const [a, b] = r.sides;
  const both = (f: (s: CompareSideReport) => string): [string, string] => [f(a), f(b)];
  const rows: Row[] = [
    ['protocol', ...both((s) => s.report.protocol)],
    ['operations ok / submitted', ...both((s) => `${s.report.operations.ok} / ${s.report.operations.submitted}`)],
    ['messages per ok operation', ...both((s) => (s.measures.messagesPerOp === null ? '— (none ok)' : String(s.measures.messagesPerOp)))],
    ['latency p50 / p95 / p99', ...both((s) => (s.measures.latencyMs ? `${s.measures.latencyMs.p50} / ${s.measures.latencyMs.p95} / ${s.measures.latencyMs.p99} ms` : '— (none ok)'))],
    ...faultRows(r.sides),
    ['recovered means', ...both((s) => s.report.recoveryMeaning)],
    ['leaderships (node, epoch)', ...both(leadershipCell)],
    ['safety violations', ...both((s) => (s.report.violations.length ? `${s.report.violations.length}: ${[...new Set(s.report.violations.map((v) => v.property))].join(', ')}` : 'none'))],
    ['consistency', ...both((s) => `${s.report.consistency.model}: ${s.report.consistency.verdict}`)],
    ['liveness', ...both((s) => s.report.liveness.status)],
  ];
  const head: Row = ['', a.label, b.label];
  const w0 = Math.max(...[head, ...rows].map((x) => x[0].length));
  const w1 = Math.max(...[head, ...rows].map((x) => x[1].length));
  const line = (x: Row) => `${x[0].padEnd(w0)}  ${x[1].padEnd(w1)}  ${x[2]}`.trimEnd();
  const title = `${a.label} against ${b.label} · seed ${r.seed} · ${r.nodes.length} nodes (${r.nodes.join(' ')}) · until ${ms(r.untilMs)}`;
  const skipped = r.sides.flatMap((s) => s.skipped.map((k) => `${s.label} skips timeline[${k.index}] (${k.action} at ${ms(k.at)}): ${k.reason}`));
  return [title, '', line(head), ...rows.map(line), ...(skipped.length ? ['', ...skipped] : []), ''].join('\n');
}
