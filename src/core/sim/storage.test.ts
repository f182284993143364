/**
 * Durable storage as a step's own effect (etcd raft's Ready handshake: entries are saved, then
 * synced, before the messages that acknowledge them go out): a protocol that syncs explicitly asks
 * the host to sync (StepEnv.sync), and a crash that loses unsynced writes (a power loss) restarts
 * the node from its last sync. A protocol that never syncs explicitly behaves as before.
 */
import { describe, expect, it } from 'vitest';
import type { Protocol } from '../protocol';
import { nemesisTimeline, NEMESIS_DEFAULTS } from '../chaos/nemesis';
import { parseScenario } from '../scenario/schema';
import { actionText } from '../describe';
import type { TraceRecord } from '../trace';
import { LocalNode } from './host';
import { runScenario } from './run';

/** A toy disk: each `write` action appends to `log`; a `sync` action syncs. Persistent: the log. */
interface Toy {
  log: string[];
}
const toy = (explicit: boolean): Protocol<Toy, never, string[], Record<string, unknown>> => ({
  name: 'toy',
  init: () => ({ log: [] }),
  persistent: (s) => [...s.log],
  recover: (saved) => ({ log: [...saved] }),
  syncsExplicitly: () => explicit,
  step(s, input, env) {
    if (input.kind !== 'action') return;
    if (input.name === 'write') s.log.push(String(input.args?.v));
    if (input.name === 'sync') env.sync?.();
  },
  summary: (s) => ({ role: 'follower', term: 0, commitIndex: 0, lastLogIndex: s.log.length }) as never,
  inspect: (s) => ({ summary: {} as never, log: [], kv: Object.fromEntries(s.log.map((v, i) => [String(i), v])), extra: {} }),
  messageType: () => '',
  describeMessage: () => '',
  minTimerDelayMs: () => 1,
  safety: { properties: [], monitor: () => ({ violations: [], observe() {}, check() {} }) },
  teachingBugs: [],
});

const boot = { protocol: 'toy', id: 'n1', nodes: ['n1'], config: {}, seed: 1 };
const act = (node: LocalNode, name: string, v?: string, extra: { restart?: true; fromSynced?: true } = {}) =>
  node.step({ node: 'n1', now: 1, input: { kind: 'action', name, ...(v ? { args: { v } } : {}) }, ...extra });
const logOf = (node: LocalNode) => (node.live() as Toy).log;

describe('explicit storage on the host', () => {
  it('a power loss restarts an explicitly syncing node from its last sync: unsynced writes are gone', () => {
    const node = new LocalNode(toy(true), boot);
    act(node, 'write', 'a');
    act(node, 'sync');
    act(node, 'write', 'b');
    act(node, 'noop', undefined, { restart: true, fromSynced: true });
    expect(logOf(node)).toEqual(['a']);
  });

  it('a sync covers every write of its own step, and nothing written before boot is lost', () => {
    const node = new LocalNode(toy(true), boot);
    act(node, 'noop', undefined, { restart: true, fromSynced: true });
    expect(logOf(node)).toEqual([]);
    act(node, 'write', 'a');
    act(node, 'write', 'b');
    act(node, 'sync');
    act(node, 'write', 'c');
    act(node, 'noop', undefined, { restart: true, fromSynced: true });
    expect(logOf(node)).toEqual(['a', 'b']);
  });

  it('a plain crash keeps unsynced writes (the operating system still holds them), and the restart reads them back as synced', () => {
    const node = new LocalNode(toy(true), boot);
    act(node, 'write', 'a');
    act(node, 'noop', undefined, { restart: true });
    expect(logOf(node)).toEqual(['a']);
    act(node, 'noop', undefined, { restart: true, fromSynced: true });
    expect(logOf(node)).toEqual(['a']);
  });

  it('a protocol that does not sync explicitly counts every step as synced: a power loss is a plain crash', () => {
    const node = new LocalNode(toy(false), boot);
    act(node, 'write', 'a');
    act(node, 'noop', undefined, { restart: true, fromSynced: true });
    expect(logOf(node)).toEqual(['a']);
  });

  it('a checkpoint carries the synced state, so time travel replays a power loss the same way', () => {
    const node = new LocalNode(toy(true), boot);
    act(node, 'write', 'a');
    act(node, 'sync');
    const snap = node.snapshot();
    act(node, 'write', 'b');
    act(node, 'sync');
    node.restore(snap);
    act(node, 'write', 'c');
    act(node, 'noop', undefined, { restart: true, fromSynced: true });
    expect(logOf(node)).toEqual(['a']);
  });
});

describe('the power-loss fault', () => {
  it('a timeline crash takes loseUnsynced, and a bad value is refused in the user\'s words', () => {
    const s = parseScenario({ version: 1, protocol: 'raft', seed: 1, nodes: 3, timeline: [{ at: 5, action: 'crash', node: 'n1', loseUnsynced: true }] });
    expect(s.timeline[0]).toMatchObject({ action: 'crash', loseUnsynced: true });
    expect(() => parseScenario({ version: 1, protocol: 'raft', seed: 1, nodes: 3, timeline: [{ at: 5, action: 'crash', node: 'n1', loseUnsynced: 'yes' }] })).toThrow(/loseUnsynced must be true or false/);
  });

  it('for a protocol that never syncs explicitly, a power loss runs exactly as a plain crash', () => {
    const run = (loseUnsynced: boolean) => {
      const out: TraceRecord[] = [];
      const crash = { at: 600, action: 'crash', node: 'n2', ...(loseUnsynced ? { loseUnsynced } : {}) };
      const s = parseScenario({ version: 1, protocol: 'raft', seed: 4, nodes: 3, until: 3000, timeline: [crash, { at: 1500, action: 'restart', node: 'n2' }] });
      runScenario(s, { trace: (r) => out.push(r) });
      return out.filter((r) => r.type !== 'fault' && r.type !== 'header').map((r) => JSON.stringify(r));
    };
    expect(run(true)).toEqual(run(false));
  });

  it('the event log words a power loss as such', () => {
    expect(actionText({ t: 1, type: 'fault', action: 'crash', node: 'n2', loseUnsynced: true } as never)).toBe('power loss on n2 (unsynced writes lost)');
    expect(actionText({ t: 1, type: 'fault', action: 'crash', node: 'n2' } as never)).toBe('crash n2');
  });

  it('the nemesis draws power losses only when asked, crashing one node or all, and restarts them', () => {
    const nodes = ['n1', 'n2', 'n3'];
    const network = { latencyMs: [10, 30] as [number, number], loss: 0, duplicate: 0 };
    const defaults = nemesisTimeline(9, nodes, network, { ...NEMESIS_DEFAULTS, startMs: 500, endMs: 20_000 });
    expect(defaults.some((a) => a.action === 'crash' && a.loseUnsynced)).toBe(false);
    let whole = 0;
    let single = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const tl = nemesisTimeline(seed, nodes, network, { ...NEMESIS_DEFAULTS, kinds: ['power-loss'], startMs: 500, endMs: 10_000 });
      const byAt = new Map<number, number>();
      for (const a of tl) if (a.action === 'crash') expect(a.loseUnsynced).toBe(true), byAt.set(a.at, (byAt.get(a.at) ?? 0) + 1);
      for (const n of byAt.values()) n === 3 ? whole++ : single++;
      expect(tl.filter((a) => a.action === 'restart').length).toBeGreaterThanOrEqual(byAt.size);
    }
    expect(whole).toBeGreaterThan(0);
    expect(single).toBeGreaterThan(0);
  });
});
