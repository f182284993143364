import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../core/trace';
import { makeLayout, visibleArrows } from './geometry';
import { buildIndexFromRecords } from './model';
import { escapeXml, spaceTimeSvg } from './svg';
import { exampleRun } from './testRuns';

/** wellFormed checks tags balance and that text holds no raw `<` or stray `&`. */
function wellFormed(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const text = xml.slice(last, m.index);
    expect(text).not.toMatch(/[<>]/);
    expect(text).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
    last = tag.lastIndex;
    const [, close, name, , self] = m;
    if (self) continue;
    if (close) expect(stack.pop()).toBe(name);
    else stack.push(name!);
  }
  expect(xml.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
}

describe('spaceTimeSvg', () => {
  const run = exampleRun('crash-restart');
  const ix = buildIndexFromRecords(run.protocol, run.nodes, run.records);
  const end = run.records[run.records.length - 1]!.t;

  it('is a well-formed standalone SVG with lanes, labels, axis and one group per message in view', () => {
    const win = { t0: 1200, t1: 2200 };
    const opts = { cursorT: end, cursorRec: run.records.length, horizon: end, width: 1200, height: 420, title: 'Crash & restart <n1>' };
    const svg = spaceTimeSvg(ix, run.nodes, win, opts);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    wellFormed(svg);
    for (const n of run.nodes) expect(svg).toContain(`>${n}</text>`);
    expect(svg).toContain('<title>Crash &amp; restart &lt;n1&gt;</title>');
    expect(svg).toContain('fill="#fff"');
    expect(svg).toContain('class="crash"');
    expect(svg).toContain('>1,500</text>');
    const L = makeLayout({ width: 1200, height: 420, top: 52, labelWidth: 56, right: 16 }, win, run.nodes);
    const expected = visibleArrows(ix, L, { t: end, rec: run.records.length, horizon: end }).length;
    const groups = svg.match(/<g class="msg" /g)?.length ?? 0;
    expect(groups).toBe(expected);
    expect(groups).toBeGreaterThanOrEqual(ix.messagesInWindow(win.t0, win.t1).length);
    const lines = svg.match(/<line [^>]*stroke="#(?!cbd5e1)/g)?.length ?? 0;
    expect(lines).toBeGreaterThanOrEqual(groups);
    expect(svg.match(/marker-end=/g)?.length).toBeGreaterThan(0);
    expect(svg.match(/class="drop"/g)?.length).toBe(visibleArrows(ix, L, { t: end, rec: run.records.length, horizon: end }).filter((g) => g.head === 'cross').length);
  });

  it('fades the future after the cursor and draws the cursor line', () => {
    const cut = Math.floor(run.records.length / 3);
    const t = run.records[cut]!.t;
    const svg = spaceTimeSvg(ix, run.nodes, { t0: t - 500, t1: t + 500 }, { cursorT: t, cursorRec: cut, horizon: end, width: 900, height: 360 });
    wellFormed(svg);
    expect(svg).toContain('class="cursor"');
    expect(svg).toContain('opacity="0.2"');
    expect(svg.split('\n')[1]).toBe('<defs>'); // no document title without opts.title
  });

  it('escapes text from records', () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;');
    const nasty: TraceRecord[] = [
      { t: 0, type: 'state', node: 'n<1>', role: 'leader & co', term: 1, votedFor: null, commitIndex: 0, lastLogIndex: 0 },
      { t: 5, type: 'timer', node: 'n<1>', name: '"x"' },
    ];
    const ix2 = buildIndexFromRecords(run.protocol, ['n<1>'], nasty);
    const svg = spaceTimeSvg(ix2, ['n<1>'], { t0: 0, t1: 100 }, { cursorT: 10, cursorRec: 2, width: 400, height: 200 });
    wellFormed(svg);
    expect(svg).toContain('n&lt;1&gt;');
    expect(svg).toContain('leader &amp; co');
  });
});
