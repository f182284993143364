import { describe, expect, it } from 'vitest';
import { pbftExample } from '../../core/protocols/pbft/examples';
import { getProtocol } from '../../core/protocols/registry';
import { runScenario } from '../../core/sim/run';
import type { TraceRecord } from '../../core/trace';
import { lookOf } from '../protocols/registry';
import { buildIndexFromRecords } from './model';
import { roleColor } from './palette';
import { spaceTimeSvg } from './svg';
import { exampleRun } from './testRuns';

describe('palette', () => {
  it('draws every message kind of a look once, in a colour of its own', () => {
    for (const name of ['raft', 'pbft']) {
      const look = lookOf(name);
      expect([...look.drawOrder].sort()).toEqual(look.messageKinds.map((k) => k.kind).sort());
      for (const k of look.messageKinds) expect(k.color).toMatch(/^#[0-9a-f]{6}$/);
      const colours = look.messageKinds.map((k) => k.color);
      expect(new Set(colours).size).toBe(colours.length);
    }
  });

  it('colours PBFT roles like their Raft counterparts', () => {
    const raft = lookOf('raft');
    const pbft = lookOf('pbft');
    expect(roleColor(pbft, 'primary')).toBe(roleColor(raft, 'leader'));
    expect(roleColor(pbft, 'backup')).toBe(roleColor(raft, 'follower'));
    expect(roleColor(pbft, 'view-change')).toBe(roleColor(raft, 'candidate'));
    expect(roleColor(raft, 'something-else')).not.toBe(roleColor(raft, 'follower'));
  });
});

/** LEADER_BAR matches the SVG's thick line along a leading node's lane. */
const LEADER_BAR = new RegExp(`height="3" fill="${roleColor(lookOf('raft'), 'leader')}"`, 'g');

/** pbftSvg runs PBFT example `id` and draws all of it. */
function pbftSvg(id: string): string {
  const scenario = pbftExample(id);
  const records: TraceRecord[] = [];
  runScenario(scenario, { trace: (r) => records.push(r) });
  const ix = buildIndexFromRecords(getProtocol('pbft').protocol, scenario.nodes, records);
  const end = records[records.length - 1]!.t;
  return spaceTimeSvg(ix, scenario.nodes, { t0: 0, t1: end }, { cursorT: end, cursorRec: records.length, width: 1400, height: 400 });
}

describe('spaceTimeSvg per protocol', () => {
  it('draws the primary’s lane bar in view 0, and labels views v1… for PBFT', () => {
    expect(pbftSvg('pbft-normal-case').match(LEADER_BAR)?.length ?? 0).toBeGreaterThan(0);
    const svg = pbftSvg('pbft-silent-primary');
    expect(svg.match(LEADER_BAR)?.length ?? 0).toBeGreaterThan(1);
    expect(svg).toMatch(/>v1</);
    expect(svg).not.toMatch(/>t1</);
  });

  it('still draws the leader’s bar and terms for Raft', () => {
    const run = exampleRun('crash-restart');
    const ix = buildIndexFromRecords(run.protocol, run.nodes, run.records);
    const end = run.records[run.records.length - 1]!.t;
    const svg = spaceTimeSvg(ix, run.nodes, { t0: 0, t1: end }, { cursorT: end, cursorRec: run.records.length, width: 1400, height: 400 });
    expect(svg.match(LEADER_BAR)?.length ?? 0).toBeGreaterThan(0);
    expect(svg).toMatch(/>t1</);
  });
});
