/**
 * Manual delivery mode (src/core/sim/manual.ts): the user is the network. A split vote built by
 * hand, message by message, and the same run replayed from its scenario alone.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/schema';
import { LocalHosts, advanceSync } from '../sim/run';
import { Simulation } from '../sim/simulation';
import type { TraceRecord } from '../trace';

const manualCluster = (n: number) =>
  parseScenario({ version: 1, protocol: 'raft', seed: 9, nodes: n, until: 60_000, timeline: [{ at: 0, action: 'manual', enabled: true }] });

/** handRun drives a paused manual run: each action at the next ms, handled at once. */
function handRun(n: number) {
  const records: TraceRecord[] = [];
  const sim = new Simulation(manualCluster(n), { trace: (r) => records.push(r) });
  const hosts = new LocalHosts(sim.scenario);
  advanceSync(sim, hosts, { until: 0 });
  const act = (a: Parameters<Simulation['act']>[0]) => {
    const rec = sim.act(a);
    advanceSync(sim, hosts, { until: rec.at });
    return rec;
  };
  const held = (from: string, to: string, type: string) => {
    const m = sim.inFlight().find((x) => x.held && x.from === from && x.to === to && (x.msg as { type: string }).type === type);
    if (!m) throw new Error(`no held ${type} ${from}→${to}`);
    return m.id;
  };
  return { sim, hosts, records, act, held };
}

describe('manual delivery mode', () => {
  it('holds every message and timer until the user acts', () => {
    const { sim, hosts } = handRun(3);
    advanceSync(sim, hosts, { until: 5000 });
    expect(sim.scenario.nodes.map((id) => sim.summary(id).role)).toEqual(['follower', 'follower', 'follower']);
    expect(sim.nodeTimers('n1').map((t) => t.name)).toEqual(['election']);
  });

  it('builds a split vote by hand, and the scenario replays it exactly', () => {
    const { sim, hosts, act, held, records } = handRun(4);
    act({ action: 'fire', node: 'n1', timer: 'election' });
    act({ action: 'fire', node: 'n2', timer: 'election' });
    expect(sim.summary('n1')).toMatchObject({ role: 'candidate', term: 1 });
    expect(sim.summary('n2')).toMatchObject({ role: 'candidate', term: 1 });
    act({ action: 'deliver', id: held('n1', 'n3', 'RequestVote') });
    act({ action: 'deliver', id: held('n2', 'n4', 'RequestVote') });
    act({ action: 'deliver', id: held('n2', 'n3', 'RequestVote') });
    act({ action: 'deliver', id: held('n1', 'n4', 'RequestVote') });
    for (const [from, to] of [['n3', 'n1'], ['n4', 'n2'], ['n3', 'n2'], ['n4', 'n1']] as const) {
      act({ action: 'deliver', id: held(from, to, 'RequestVoteReply') });
    }
    expect(sim.leader()).toBeNull();
    expect(sim.summary('n1').role).toBe('candidate');
    expect(sim.summary('n2').role).toBe('candidate');
    expect(records.filter((r) => r.type === 'note' && /refuses/.test(r.text)).length).toBeGreaterThanOrEqual(2);
    // The timeline alone reproduces the hand-made run.
    const replay = new Simulation(sim.scenario);
    const rh = new LocalHosts(replay.scenario);
    advanceSync(replay, rh, { until: sim.now });
    for (const id of sim.scenario.nodes) expect(rh.inspect(id)).toEqual(hosts.inspect(id));
  });

  it('drops and duplicates a held message, and skips actions that name nothing held', () => {
    const { sim, act, held, records } = handRun(3);
    act({ action: 'fire', node: 'n1', timer: 'election' });
    const id = held('n1', 'n2', 'RequestVote');
    act({ action: 'duplicate', id });
    expect(sim.inFlight().filter((m) => m.from === 'n1' && m.to === 'n2')).toHaveLength(2);
    act({ action: 'drop', id });
    expect(records.some((r) => r.type === 'drop' && r.id === id && r.reason === 'manual')).toBe(true);
    act({ action: 'deliver', id });
    expect(records.some((r) => r.type === 'note' && /message #\d+ is not waiting/.test(r.text))).toBe(true);
    act({ action: 'fire', node: 'n3', timer: 'heartbeat' });
    expect(records.some((r) => r.type === 'note' && /n3 has no heartbeat timer armed/.test(r.text))).toBe(true);
  });

  it('switching manual mode off sends held messages on and rearms timers', () => {
    const { sim, hosts, act } = handRun(3);
    act({ action: 'fire', node: 'n1', timer: 'election' });
    act({ action: 'manual', enabled: false });
    expect(sim.inFlight().every((m) => !m.held)).toBe(true);
    advanceSync(sim, hosts, { until: sim.now + 2000 });
    expect(sim.leader()).not.toBeNull();
  });
});

describe('describeEvent in manual mode', () => {
  it('describes a hand delivery by what the receiver does', async () => {
    const { describeEvent } = await import('./describe-event');
    const { raft } = await import('../protocols/raft');
    const { act, held, records } = handRun(3);
    act({ action: 'fire', node: 'n1', timer: 'election' });
    const msgs = new Map<number, unknown>();
    const rec = act({ action: 'deliver', id: held('n1', 'n2', 'RequestVote') });
    for (const r of records) if (r.type === 'send') msgs.set(r.id, r.msg);
    const text = describeEvent(records.filter((r) => r.t === rec.at), raft, (id) => msgs.get(id));
    expect(text).toMatch(/^n2 receives RequestVote t1 last 0\/0 from n1\. n2 grants its vote to n1 in term 1/);
  });
});
