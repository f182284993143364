/** Log compaction's examples must tell their stories under their seeds, with Figure 3 intact (Raft §7). */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/schema';
import { SNAPSHOT_EXAMPLES } from './examples-snapshot';
import { MonitoredRun } from './monitored-run';
import type { RaftState } from './state';

function run(id: string): MonitoredRun {
  const s = parseScenario(SNAPSHOT_EXAMPLES[id]);
  const r = new MonitoredRun(s).runUntil(s.until);
  r.sim.finish();
  r.monitor.checkLogMatching(s.until, s.nodes);
  return r;
}

describe('log compaction examples (§7)', () => {
  it('snapshot-install: n3 misses compacted entries, receives the snapshot in several chunks, then catches up', () => {
    const r = run('snapshot-install');
    expect(r.monitor.violations).toEqual([]);
    const chunks = r.trace.filter((x) => x.type === 'send' && x.to === 'n3' && (x.msg as { type: string }).type === 'InstallSnapshot');
    expect(new Set(chunks.map((x) => (x as { msg: { offset: number } }).msg.offset)).size).toBeGreaterThanOrEqual(3);
    const installed = r.records('record').filter((x) => x.kind === 'snapshot-installed');
    expect(installed.map((x) => x.node)).toEqual(['n3']);
    const kvs = r.sim.scenario.nodes.map((id) => r.hosts.inspect(id).kv);
    expect(kvs[2]).toEqual(kvs[0]);
    expect(kvs[0]!.x).toBe('after');
    expect(r.records('client').filter((c) => c.phase === 'info')).toEqual([]);
  });

  it('snapshot-restart: every node restarts from its snapshot plus log, and re-applies only what follows the snapshot', () => {
    const r = run('snapshot-restart');
    expect(r.monitor.violations).toEqual([]);
    const restartAt = r.records('fault').find((f) => f.action === 'restart')!.t;
    const reapplied = r.records('apply').filter((a) => a.t >= restartAt);
    const taken = r.records('record').filter((x) => x.kind === 'snapshot-taken' && x.t < restartAt && x.node === 'n1');
    const boundary = taken.at(-1)!.lastIncludedIndex as number;
    expect(boundary).toBeGreaterThan(0);
    expect(reapplied.filter((a) => a.node === 'n1').every((a) => a.index > boundary)).toBe(true);
    expect((r.hosts.state('n1') as RaftState).kv.get('x')).toBe('after');
    expect(r.records('client').filter((c) => c.phase === 'info')).toEqual([]);
  });
});
