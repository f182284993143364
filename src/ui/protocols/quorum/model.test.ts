/** The quorum panel's model, from node details as a headless run leaves them. */
import { describe, expect, it } from 'vitest';
import { QUORUM_EXAMPLES } from '../../../core/protocols/quorum/examples';
import { runRaw } from '../../../core/protocols/quorum/testkit';
import { buildQuorumModel, ruleLinesOf } from './model';
import { classifyQuorum } from './kinds';

const modelOf = (id: string, selected: string | null = null, crashed: string[] = []) => {
  const r = runRaw(QUORUM_EXAMPLES[id]!);
  const nodeIds = r.scenario.nodes;
  const details = Object.fromEntries(nodeIds.map((n) => [n, r.run.hosts.inspect(n)]));
  return buildQuorumModel({ nodeIds, details, crashed: new Set(crashed), selected });
};

describe('quorum panel model', () => {
  it('states the rules with the setting’s numbers and carries the warnings of a broken one', () => {
    const m = modelOf('quorum-rw-stale-read');
    expect(m.ruleLines.slice(0, 2).map((l) => [l.text.split(' (')[0], l.ok])).toEqual([['r + w > V: 2 + 2 ≤ 5', false], ['2w > V: 2 × 2 ≤ 5', false]]);
    expect(m.warnings).toHaveLength(2);
    expect(ruleLinesOf({ weights: {}, total: 5, r: 3, w: 3, threshold: 3, quorum: 3 }).every((l) => l.ok)).toBe(true);
  });

  it('shows each replica’s votes and versions, and the quorums formed with their members, newest first', () => {
    const m = modelOf('quorum-weighted');
    expect(m.replicas.map((x) => [x.id, x.votes])).toEqual([['n1', 3], ['n2', 3], ['n3', 1], ['n4', 1], ['n5', 1]]);
    expect(m.replicas[0]!.copies).toEqual(['x v1 = heavy']);
    expect(m.replicas[2]!.stance).toBe('reject');
    expect(m.quorums[0]).toMatchObject({ coordinator: 'n2', phase: 'read', members: ['n2', 'n1'], votes: 6, needed: 5 });
  });

  it('draws a proposal’s approvals against the threshold and its votes cast against the quorum', () => {
    const m = modelOf('quorum-abstentions', 'n2', ['n4', 'n5']);
    expect(m.tally).toBe('n2');
    const [p1, p2] = m.proposals;
    expect(p1).toMatchObject({ id: 'p1', outcome: 'approved a', thresholdPct: 60, quorumPct: 80 });
    expect(p1!.approvals).toEqual([{ label: 'a', votes: 3, pct: 60, reached: true }]);
    expect(p1!.participation).toEqual({ label: 'cast', votes: 5, pct: 100, reached: true });
    expect(p2).toMatchObject({ outcome: 'rejected', approvals: [{ votes: 2, reached: false }] });
    expect(m.proposals[2]).toMatchObject({ id: 'p3', outcome: 'undecided', participation: { votes: 3, reached: false } });
    expect(m.replicas.filter((x) => x.crashed).map((x) => x.id)).toEqual(['n4', 'n5']);
    expect(p2!.across).toBe('rejected at n1 n2 n3 n4 n5');
  });

  it('lists every proposal any honest tally knows, each counted where it is known, with the decision at every tally', () => {
    const m = modelOf('quorum-majority-split', 'n1');
    expect(m.proposals.map((p) => [p.id, p.at, p.outcome])).toEqual([['p1', 'n1', 'undecided'], ['p2', 'n3', 'approved right']]);
    expect(m.proposals[1]!.across).toBe('undecided at n1 n2 · approved right at n3 n4 n5');
  });

  it('lists the liars with who flagged them, and never shows a liar’s own tally', () => {
    const m = modelOf('quorum-byzantine-seven', 'n6');
    expect(m.tally).toBe('n1');
    expect(m.liars.map((l) => [l.voter, l.by])).toEqual([['n6', ['n1', 'n2', 'n3', 'n4', 'n5']], ['n7', ['n1', 'n2', 'n3', 'n4', 'n5']]]);
    expect(m.proposals[0]!.approvals.map((b) => [b.label, b.votes])).toEqual([['x', 5], ['forged-p1', 2]]);
    expect(m.proposals[0]!.voters).toMatch(/n6 approve forged-p1 \(claims 10\)/);
  });

  it('classifies votes by their choice', () => {
    expect(['approve', 'reject', 'abstain'].map((choice) => classifyQuorum('Vote', { choice }))).toEqual(['vote-approve', 'vote-reject', 'vote-abstain']);
    expect(classifyQuorum('WriteAck', {})).toBe('ack');
  });
});
