import { describe, expect, it } from 'vitest';
import { as, checkpoint, deliver, makeCluster, makeNode, N4, N7, prePrepare, pump, put, request, sendsOf, clientRequest, type TestNode } from './testkit';
import { snapshotOf, stateDigest } from './checkpoint';
import type { State } from './messages';

const K2 = { checkpointInterval: 2, logWindow: 4 };

/** runRequests has `count` clients each put through primary n1, delivering everything among `cluster`. */
function runRequests(cluster: TestNode[], count: number, first = 1, drop?: (from: string, to: string) => boolean): void {
  const n1 = cluster.find((n) => n.id === 'n1')!;
  for (let i = first; i < first + count; i++) {
    const fx = request(n1, `c${i}`, 1, put(`k${i}`, `v${i}`));
    pump(cluster, 'n1', fx.sends, drop ? (f, t) => drop(f, t) : undefined);
  }
}

describe('§4.3 checkpoints and garbage collection', () => {
  it('§4.3 after executing a multiple of K a replica multicasts a Checkpoint with its state digest and keeps a snapshot', () => {
    const cluster = makeCluster(N4, K2);
    const n1 = cluster[0]!;
    const fx = request(n1, 'c1', 1, put('k', 'v'));
    const steps = pump(cluster, 'n1', fx.sends);
    expect(steps.flatMap((s) => sendsOf(s, 'Checkpoint'))).toEqual([]);
    runRequests(cluster, 1, 2);
    const snap = n1.state.snapshots.get(2)!;
    expect(snap.seq).toBe(2);
    expect(snap.digest).toBe(stateDigest(snap.kv, snap.sessions));
    expect(snap.kv).toEqual([['k', 'v'], ['k2', 'v2']]);
    for (const n of cluster) expect(n.state.snapshots.get(2)!.digest).toBe(snap.digest);
  });

  it('§4.3 2f+1 matching Checkpoints make it stable: h moves to it, H = h + L, and the log up to it is discarded', () => {
    const cluster = makeCluster(N4, K2);
    runRequests(cluster, 3);
    for (const n of cluster) {
      expect(n.state.stable.seq).toBe(2);
      expect(n.state.stable.proof.map((c) => c.replica)).toHaveLength(3);
      expect([...n.state.log.keys()]).toEqual([3]);
      expect([...n.state.snapshots.keys()]).toEqual([2]);
      expect([...n.state.checkpointVotes.keys()]).toEqual([]);
    }
  });

  it('§4.3 a Checkpoint that disagrees does not count, and its sender is suspected once the checkpoint is stable', () => {
    const n = makeNode('n1', N7, K2);
    for (const id of ['n2', 'n3', 'n4', 'n5', 'n6']) deliver(n, id, checkpoint(id, 2, id === 'n3' ? 'bbbbbbbb' : 'aaaaaaaa'));
    expect(n.state.stable.seq).toBe(0); // 4 agree; a quorum of 7 is 5
    const fx = deliver(n, 'n7', checkpoint('n7', 2, 'aaaaaaaa'));
    expect(n.state.stable).toMatchObject({ seq: 2, digest: 'aaaaaaaa' });
    expect(n.state.stable.proof.map((c) => c.replica)).toEqual(['n2', 'n4', 'n5', 'n6', 'n7']);
    expect(fx.notes).toContain('n1 suspects n3: its checkpoint digest at seq 2 (bbbb) disagrees with the stable one (aaaa)');
  });

  it('§4.3 two different Checkpoints for one seq from the same replica make it suspect; Checkpoints at or below h are ignored', () => {
    const n = makeNode('n1', N4, K2);
    deliver(n, 'n2', checkpoint('n2', 2, 'aaaaaaaa'));
    deliver(n, 'n2', checkpoint('n2', 2, 'bbbbbbbb'));
    expect(n.state.suspects.n2).toBe('it sent two different checkpoints for seq 2');
    deliver(n, 'n3', checkpoint('n3', 3, 'aaaaaaaa')); // not a multiple of K
    expect(n.state.checkpointVotes.get(3)).toBeUndefined();
  });

  it('§4.3 the primary assigns no sequence number above H; requests wait until a checkpoint becomes stable', () => {
    const n1 = makeNode('n1', N4, { checkpointInterval: 1, logWindow: 2 });
    const pps = (fx: ReturnType<typeof request>) => sendsOf(fx, 'PrePrepare').filter((s) => s.to === 'n2').map((s) => s.msg.seq);
    expect(pps(request(n1, 'c1', 1, put('a', '1')))).toEqual([1]);
    expect(pps(request(n1, 'c2', 1, put('b', '1')))).toEqual([2]);
    expect(pps(request(n1, 'c3', 1, put('c', '1')))).toEqual([]);
    expect(n1.state.pending.size).toBe(3);
    // Three other replicas vouch for the state after seq 1: stable, so H = 3 and c3's request goes out.
    const fx = [1, 2, 3].map((i) => deliver(n1, `n${i + 1}`, checkpoint(`n${i + 1}`, 1, 'dddddddd')));
    expect(n1.state.stable.seq).toBe(1);
    expect(sendsOf(fx[2]!, 'PrePrepare').filter((s) => s.to === 'n2').map((s) => s.msg.seq)).toEqual([3]);
    // n1 has not executed seq 1 itself: it fetches the stable state from those who proved it.
    expect(sendsOf(fx[2]!, 'Fetch').map((s) => s.to)).toEqual(['n2', 'n3', 'n4']);
  });
});

describe('§4.3 state transfer', () => {
  /** A cluster where n4 saw nothing while the others executed 2 requests and made the checkpoint at seq 2 stable. */
  function laggard() {
    const cluster = makeCluster(N4, K2);
    runRequests(cluster, 2, 1, (_f, t) => t === 'n4');
    return cluster;
  }

  it('a replica that learns a stable checkpoint beyond what it executed fetches the state and installs it', () => {
    const cluster = laggard();
    const n4 = cluster[3]!;
    expect(n4.state.lastExecuted).toBe(0);
    const stable = cluster[0]!.state.stable;
    let fx = [1, 2, 3].map((i) => deliver(n4, `n${i}`, stable.proof.find((c) => c.replica === `n${i}`) ?? checkpoint(`n${i}`, 2, stable.digest)));
    expect(n4.state.stable.seq).toBe(2);
    const fetches = fx.flatMap((f) => sendsOf(f, 'Fetch'));
    expect(fetches.map((s) => s.to)).toEqual(['n1', 'n2', 'n3']);
    fx = pump(cluster, 'n4', fetches);
    expect(n4.state.lastExecuted).toBe(2);
    expect(n4.state.kv.get('k2')).toBe('v2');
    expect(snapshotOf(n4.state, 2).digest).toBe(stable.digest);
    expect(n4.state.executed.map((e) => e.command)).toEqual([{ kind: 'state-transfer', seq: 2 }, { kind: 'state-transfer', seq: 2 }]);
    expect(fx.flatMap((f) => f.notes)).toContain('n4 installs the state at stable checkpoint #2 from n1 (state transfer), skipping from #1');
    // Later requests execute normally on n4.
    runRequests(cluster, 1, 3);
    expect(n4.state.lastExecuted).toBe(3);
    expect(n4.state.kv.get('k3')).toBe('v3');
  });

  it('a State whose contents do not match the proven digest, or whose proof is short, is rejected and its sender suspected', () => {
    const cluster = laggard();
    const [n1, , , n4] = cluster as [TestNode, TestNode, TestNode, TestNode];
    const good = sendsOf(deliver(n1, 'n4', as('n4', { type: 'Fetch' as const, seq: 2, replica: 'n4' })), 'State')[0]!.msg;
    const tampered: State = as('n1', { ...good, auth: undefined, kv: [['k1', 'evil'], ['k2', 'v2']] as [string, string][] });
    deliver(n4, 'n1', tampered);
    expect(n4.state.lastExecuted).toBe(0);
    expect(n4.state.suspects.n1).toMatch(/does not match the checkpoint digest/);
    const short: State = as('n2', { ...good, auth: undefined, proof: good.proof.slice(0, 2), replica: 'n2' });
    deliver(n4, 'n2', short);
    expect(n4.state.suspects.n2).toMatch(/invalid checkpoint proof/);
    deliver(n4, 'n3', as('n3', { ...good, auth: undefined, replica: 'n3' }));
    expect(n4.state.lastExecuted).toBe(2);
  });

  it('a replica answers a Fetch only for a stable checkpoint it has executed', () => {
    const n = makeNode('n2', N4, K2);
    expect(deliver(n, 'n4', as('n4', { type: 'Fetch' as const, seq: 2, replica: 'n4' })).sends).toEqual([]);
    deliver(n, 'n1', prePrepare('n1', 0, 1, clientRequest('c1', 1, put('x', '1'))));
    expect(n.state.log.size).toBe(1);
  });
});
