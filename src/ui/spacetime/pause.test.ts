/**
 * The space-time diagram's pause spans: a paused node's lane is shaded from its `pause` to its
 * `resume`, a second pause extends the same span, and a fork before the resume reopens it.
 */
import { describe, expect, it } from 'vitest';
import { getProtocol } from '../../core/protocols/registry';
import { parseScenario } from '../../core/scenario/schema';
import { runScenario } from '../../core/sim/run';
import type { TraceRecord } from '../../core/trace';
import { buildIndexFromRecords } from './model';
import { spaceTimeSvg } from './svg';

function traceOf(timeline: unknown[]): TraceRecord[] {
  const s = parseScenario({ version: 1, protocol: 'raft', seed: 3, nodes: 3, until: 2500, timeline });
  const out: TraceRecord[] = [];
  runScenario(s, { trace: (r) => out.push(r) });
  return out;
}

describe('pause spans', () => {
  const records = traceOf([
    { at: 500, action: 'pause', node: 'n2', ms: 400 },
    { at: 700, action: 'pause', node: 'n2', ms: 600 },
    { at: 1500, action: 'pause', node: 'n3', ms: 100 },
  ]);
  const ix = buildIndexFromRecords(getProtocol('raft').protocol, ['n1', 'n2', 'n3'], records);

  it('shades each pause from its start to its resume, one span for an extended pause', () => {
    expect(ix.pauses.map((p) => [p.node, p.fromT, p.toT])).toEqual([['n2', 500, 1300], ['n3', 1500, 1600]]);
    expect(ix.pausesInWindow(1310, 1400)).toEqual([]);
    expect(ix.pausesInWindow(1200, 1310).map((p) => p.node)).toEqual(['n2']);
    expect(ix.marks.filter((m) => m.node === 'n2' && m.kind === 'fault').map((m) => m.text)).toEqual([
      'n2 paused for 400 ms',
      'n2 paused for 600 ms',
      expect.stringMatching(/^n2 resumed; \d+ messages? .*queued$/),
    ]);
  });

  it('a fork before the resume reopens the span; one before the pause removes it', () => {
    const copy = buildIndexFromRecords(getProtocol('raft').protocol, ['n1', 'n2', 'n3'], records);
    const resumeAt = records.findIndex((r) => r.type === 'resume' && r.node === 'n2');
    copy.truncate(resumeAt);
    expect(copy.pauses.map((p) => [p.node, p.toT])).toEqual([['n2', null]]);
    copy.truncate(records.findIndex((r) => r.type === 'fault' && r.action === 'pause'));
    expect(copy.pauses).toEqual([]);
  });

  it('the exported SVG draws the spans', () => {
    const svg = spaceTimeSvg(ix, ['n1', 'n2', 'n3'], { t0: 0, t1: 2500 }, { cursorT: 2500, cursorRec: records.length, width: 900, height: 300 });
    expect(svg.match(/class="pause"/g)).toHaveLength(2);
  });
});
