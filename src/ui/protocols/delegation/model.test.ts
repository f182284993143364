/** The delegation panel's model: the coordinator shown is the live, active one of the highest epoch. */
import { describe, expect, it } from 'vitest';
import type { NodeDetail } from '../../../core/protocol';
import type { DelegationDetail } from '../../../core/protocols/delegation';
import { buildDelegationModel } from './model';

const detail = (d: Partial<DelegationDetail>): NodeDetail => ({
  summary: { role: d.role ?? 'follower', term: d.epoch ?? 1, votedFor: null, commitIndex: 0, lastLogIndex: 0, lastApplied: 0 },
  log: [],
  kv: {},
  extra: {},
  protocolDetail: { role: 'follower', epoch: 1, coordinator: null, policy: 'capability', held: [], applied: [], table: null, followers: null, active: null, shed: null, fd: { config: { kind: 'fixed', timeoutMs: 400 }, peers: {}, suspected: [] }, ...d } satisfies DelegationDetail,
});

const row = (task: string, status: 'done' | 'running' | 'queued', attempt = 1, retries = 0) => ({ task, capability: 'cpu', durationMs: 100, status, worker: 'n2', attempt, retries, accepted: true });
const follower = (id: string, load: number) => ({ id, capabilities: ['cpu'], load, given: load, suspected: false, breaker: 'closed' as const, failures: 0 });

describe('buildDelegationModel', () => {
  it('shows the live active coordinator of the highest epoch, its table counts and load scale', () => {
    const details = {
      n1: detail({ role: 'coordinator', epoch: 1, active: true, table: [row('old', 'queued')], followers: [] }),
      n2: detail({ role: 'coordinator', epoch: 2, active: true, table: [row('t1', 'done'), row('t2', 'running', 2), row('t3', 'queued', 0, 1)], followers: [follower('n1', 0), follower('n3', 3)], shed: { c1: 2, 'c-flood': 9 } }),
      n3: detail({ role: 'candidate', epoch: 3, active: false, table: [], followers: [] }),
      n4: detail({ applied: ['t1', 't9'] }),
    };
    const m = buildDelegationModel({ nodeIds: ['n1', 'n2', 'n3', 'n4'], details, crashed: new Set(['n1']) });
    expect(m.coordinator).toBe('n2');
    expect(m.epoch).toBe(2);
    expect(m.counts).toEqual({ done: 1, running: 1, waiting: 1, retried: 2 });
    expect(m.scale).toBe(3);
    expect(m.shed).toEqual([['c-flood', 9], ['c1', 2]]);
    expect(m.followers.map((f) => [f.id, f.crashed])).toEqual([['n1', true], ['n3', false]]);
  });

  it('keeps the newest rows of a long table and counts the rest as hidden', () => {
    const table = Array.from({ length: 20 }, (_, i) => row(`t${i + 1}`, 'done'));
    const m = buildDelegationModel({ nodeIds: ['n1'], details: { n1: detail({ role: 'coordinator', active: true, table, followers: [] }) }, crashed: new Set(), maxRows: 5 });
    expect(m.tasks.map((t) => t.task)).toEqual(['t16', 't17', 't18', 't19', 't20']);
    expect(m.hidden).toBe(15);
  });

  it('has no coordinator while none is active', () => {
    expect(buildDelegationModel({ nodeIds: ['n1'], details: { n1: detail({ role: 'candidate', active: false, table: [] }) }, crashed: new Set() }).coordinator).toBeNull();
  });
});
