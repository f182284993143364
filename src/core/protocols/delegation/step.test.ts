/**
 * One delegation node stepped by hand: the coordinator's fencing check and admission control, a
 * follower's idempotent completion and its refusal of a lower epoch.
 */
import { describe, expect, it } from 'vitest';
import type { DelegationMessage, TaskSpec } from './messages';
import { deliver, node, stepNode } from './testkit';
import type { HarnessNode } from '../../testing/step-harness';
import type { DelegationState } from './state';

const spec: TaskSpec = { id: 't1', capability: 'cpu', durationMs: 100 };
const report = (epoch: number): DelegationMessage => ({ type: 'Report', epoch, held: [], done: [], applied: [] });

/** coordinator gives n1 of `size`, active in epoch 1 (a majority reported). */
function coordinator(size = 4, config = {}): HarnessNode<DelegationState> {
  const n = node('n1', size, config);
  stepNode(n, { kind: 'start' });
  for (let i = 2; i <= Math.floor(size / 2) + 1; i++) deliver(n, `n${i}`, report(1));
  expect(n.state.role).toBe('coordinator');
  return n;
}

describe('coordinator', () => {
  it('announces epoch 1 at start as the highest rank, and coordinates once a majority reported', () => {
    const n = node('n1', 4);
    const fx = stepNode(n, { kind: 'start' });
    expect(fx.sends.filter((x) => x.msg.type === 'Announce').map((x) => x.to)).toEqual(['n2', 'n3', 'n4']);
    deliver(n, 'n2', report(1));
    expect(n.state.role).toBe('candidate');
    deliver(n, 'n3', report(1));
    expect(n.state.role).toBe('coordinator');
  });

  it('assigns a submit under the token (epoch 1, attempt 1) and tells the client once the follower acknowledges', () => {
    const n = coordinator();
    const fx = stepNode(n, { kind: 'request', client: 'c1', requestId: 1, op: { f: 'submit', ...spec } });
    const assign = fx.sends.find((x) => x.msg.type === 'Assign')!;
    expect(assign.msg).toMatchObject({ token: { epoch: 1, attempt: 1 } });
    expect(fx.replies).toEqual([]);
    const ack = deliver(n, assign.to, { type: 'AssignAck', epoch: 1, task: 't1', token: { epoch: 1, attempt: 1 } });
    expect(ack.replies).toEqual([{ client: 'c1', requestId: 1, reply: { kind: 'result', result: { ok: true, value: `accepted by ${assign.to}` } } }]);
  });

  it('fencing: a running newer attempt makes an older attempt’s Done be aborted, not committed', () => {
    const n = coordinator();
    stepNode(n, { kind: 'request', client: 'c1', requestId: 1, op: { f: 'submit', ...spec } });
    const e = n.state.coord!.tasks.get('t1')!;
    Object.assign(e, { token: { epoch: 1, attempt: 2 }, worker: 'n3', attempts: 2, status: 'running' });
    const fx = deliver(n, 'n2', { type: 'Done', task: 't1', spec, token: { epoch: 1, attempt: 1 } });
    expect(fx.sends.map((x) => x.msg.type)).toEqual(['Abort']);
    expect(fx.records.map((r) => r.kind)).toEqual(['heartbeat', 'abort']);
    expect(e.status).toBe('running');
  });

  it('the no-fencing bug commits the stale attempt of a task already done', () => {
    const n = coordinator(4, { bugs: ['no-fencing'] });
    stepNode(n, { kind: 'request', client: 'c1', requestId: 1, op: { f: 'submit', ...spec } });
    Object.assign(n.state.coord!.tasks.get('t1')!, { token: { epoch: 1, attempt: 2 }, worker: 'n3', attempts: 2, status: 'done' });
    const fx = deliver(n, 'n2', { type: 'Done', task: 't1', spec, token: { epoch: 1, attempt: 1 } });
    expect(fx.sends.map((x) => x.msg)).toEqual([{ type: 'Commit', epoch: 1, task: 't1', spec, token: { epoch: 1, attempt: 1 } }]);
  });

  it('commits only once a majority accepted the done-record', () => {
    const n = coordinator(5);
    stepNode(n, { kind: 'request', client: 'c1', requestId: 1, op: { f: 'submit', ...spec } });
    const worker = n.state.coord!.tasks.get('t1')!.worker!;
    const done = deliver(n, worker, { type: 'Done', task: 't1', spec, token: { epoch: 1, attempt: 1 } });
    expect(done.sends.filter((x) => x.msg.type === 'Accept')).toHaveLength(4);
    expect(deliver(n, 'n2', { type: 'Accepted', epoch: 1, task: 't1' }).sends.map((x) => x.msg.type)).not.toContain('Commit');
    expect(deliver(n, 'n3', { type: 'Accepted', epoch: 1, task: 't1' }).sends).toEqual([{ to: worker, msg: expect.objectContaining({ type: 'Commit', task: 't1' }) }]);
  });

  it('sheds a client over its rate with the reason in the reply and a shed record', () => {
    const n = coordinator(4, { ratePerSecond: 1, burst: 2 });
    const replies = [1, 2, 3].map((i) => stepNode(n, { kind: 'request', client: 'c1', requestId: i, op: { f: 'submit', ...spec, id: `t${i}` } }));
    expect(replies[2]!.replies[0]!.reply).toEqual({ kind: 'result', result: { ok: false, error: 'shed: rate limit: c1 is over 1 submits/s (burst 2)' } });
    expect(replies[2]!.records).toEqual([{ kind: 'shed', fields: { client: 'c1', task: 't3', attempt: null, reason: 'rate limit: c1 is over 1 submits/s (burst 2)' } }]);
  });

  it('refuses a capability no follower offers, with the reason', () => {
    const n = coordinator();
    const fx = stepNode(n, { kind: 'request', client: 'c1', requestId: 1, op: { f: 'submit', ...spec, capability: 'gpu' } });
    expect(fx.replies[0]!.reply).toEqual({ kind: 'result', result: { ok: false, error: 'no follower offers capability gpu' } });
  });
});

describe('follower', () => {
  const assign: DelegationMessage = { type: 'Assign', epoch: 1, task: spec, token: { epoch: 1, attempt: 1 } };
  const commit: DelegationMessage = { type: 'Commit', epoch: 1, task: 't1', spec, token: { epoch: 1, attempt: 1 } };

  it('applies a committed task’s effect once, however often Commit comes (idempotent by task id)', () => {
    const n = node('n2', 4);
    deliver(n, 'n1', { type: 'Announce', epoch: 1 });
    deliver(n, 'n1', assign);
    stepNode(n, { kind: 'timer', name: 'task:t1' });
    expect(deliver(n, 'n1', commit).records).toEqual([{ kind: 'complete', fields: { task: 't1', attempt: 1, epoch: 1 } }]);
    expect(deliver(n, 'n1', commit).records).toEqual([]);
    expect(deliver(n, 'n1', assign).records.map((r) => r.kind)).toEqual(['start']);
  });

  it('refuses a coordinator of an epoch below the one it follows', () => {
    const n = node('n2', 4);
    deliver(n, 'n3', { type: 'Announce', epoch: 2 });
    const fx = deliver(n, 'n1', assign);
    expect(fx.sends).toEqual([{ to: 'n1', msg: { type: 'Reject', epoch: 2 } }]);
    expect(n.state.held.size).toBe(0);
  });

  it('ignores a late Assign of an older attempt once it holds a newer one', () => {
    const n = node('n2', 4);
    deliver(n, 'n1', { type: 'Announce', epoch: 1 });
    deliver(n, 'n1', { ...assign, token: { epoch: 1, attempt: 3 } } as DelegationMessage);
    const fx = deliver(n, 'n1', assign);
    expect(fx.sends).toEqual([]);
    expect(n.state.held.get('t1')!.token.attempt).toBe(3);
  });
});
