import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../trace';
import { pbftExample } from './examples';
import { PBFT_PROPERTIES, PbftSafetyMonitor } from './invariants';
import { runCluster, scenario, putAt } from './testkit';

const put = (key: string, value: string) => ({ f: 'put' as const, key, value });
const invoke = (t: number, client: string, op: ReturnType<typeof put>): TraceRecord => ({ t, type: 'client', client, phase: 'invoke', op });
const apply = (t: number, node: string, index: number, command: unknown): TraceRecord => ({ t, type: 'apply', node, index, term: 0, command });
const op = (client: string, requestId: number, o: ReturnType<typeof put>) => ({ kind: 'op', client, requestId, op: o });

describe('PBFT safety properties (the monitor)', () => {
  it('declares Agreement and Validity with their sources', () => {
    expect(PBFT_PROPERTIES.map((p) => [p.name, p.source])).toEqual([
      ['Agreement', 'Castro & Liskov 1999, §4.5.1'],
      ['Validity', 'Castro & Liskov 1999, §3'],
    ]);
  });

  it('Agreement: two honest replicas executing different requests at one sequence number is a violation, reported once', () => {
    const m = new PbftSafetyMonitor(() => true);
    m.observe(invoke(1, 'c1', put('x', '1')));
    m.observe(invoke(1, 'c2', put('y', '1')));
    m.observe(apply(10, 'n1', 1, op('c1', 1, put('x', '1'))));
    m.observe(apply(11, 'n2', 1, op('c1', 1, put('x', '1'))));
    expect(m.violations).toEqual([]);
    m.observe(apply(12, 'n3', 1, { kind: 'noop' }));
    m.observe(apply(13, 'n3', 1, { kind: 'noop' }));
    expect(m.violations).toEqual([{ property: 'Agreement', t: 12, nodes: ['n1', 'n3'], indexes: [1], text: 'honest replicas n1 and n3 executed different requests at seq 1: c1#1 put x and the null request' }]);
  });

  it('Agreement holds replicas configured Byzantine to nothing', () => {
    const m = new PbftSafetyMonitor((id) => id !== 'n4');
    m.observe(apply(10, 'n1', 1, { kind: 'noop' }));
    m.observe(apply(11, 'n4', 1, op('c9', 1, put('x', 'evil'))));
    expect(m.violations).toEqual([]);
  });

  it('Validity: an executed request must be its client’s requestId-th invoke, with the same op', () => {
    const m = new PbftSafetyMonitor(() => true);
    m.observe(invoke(1, 'c1', put('x', '1')));
    m.observe(invoke(2, 'c1', put('x', '2')));
    m.observe(apply(10, 'n1', 1, op('c1', 2, put('x', '2'))));
    m.observe(apply(11, 'n1', 2, { kind: 'noop' }));
    expect(m.violations).toEqual([]);
    m.observe(apply(12, 'n1', 3, op('c1', 1, put('x', 'evil'))));
    m.observe(apply(13, 'n2', 4, op('c7', 1, put('x', '1'))));
    expect(m.violations.map((v) => [v.property, v.text])).toEqual([
      ['Validity', 'honest replica n1 executed c1#1 put x at seq 3, which client c1 never issued'],
      ['Validity', 'honest replica n2 executed c7#1 put x at seq 4, which client c7 never issued'],
    ]);
  });

  it('f+1 colluding equivocators (the primary and a backup of 4) make two honest replicas execute different requests: Agreement is violated', () => {
    const r = runCluster(pbftExample('pbft-f-plus-one-colluders'));
    const agreement = r.run.found.filter((v) => v.property === 'Agreement');
    expect(agreement).toHaveLength(1);
    expect(agreement[0]).toMatchObject({ nodes: ['n4', 'n3'], indexes: [1] });
    expect(agreement[0]!.text).toBe('honest replicas n4 and n3 executed different requests at seq 1: c1#1 put x and the null request');
    expect(r.run.found.filter((v) => v.property === 'Validity')).toEqual([]);
  });

  it('the same attack with only f = 1 equivocator (the primary) keeps Agreement, and n3 catches it', () => {
    const r = runCluster(scenario({ config: { byzantine: { n1: 'equivocate' } }, until: 3000, timeline: [putAt(100, 'c1', 'x', '1', 'n4')] }));
    expect(r.run.found).toEqual([]);
    expect(r.clients('ok')).toHaveLength(1);
    expect(r.state('n3').suspects.n1).toMatch(/two different pre-prepares for seq 1 in view 0/);
  });

  it('the equivocating-primary example: Agreement holds and the liar is caught', () => {
    const r = runCluster(pbftExample('pbft-equivocating-primary'));
    expect(r.run.found).toEqual([]);
    expect(r.clients('ok')).toHaveLength(r.clients('invoke').length);
    expect(r.notes().some((n) => n.startsWith('n3 suspects n1: two different pre-prepares'))).toBe(true);
  });

  it('the forger example: every honest replica rejects the forgeries and suspects the forger', () => {
    const r = runCluster(pbftExample('pbft-forger'));
    expect(r.run.found).toEqual([]);
    expect(r.clients('ok')).toHaveLength(2);
    for (const id of ['n1', 'n2', 'n4']) expect(r.state(id).suspects.n3).toMatch(/invalid authenticator \(forged\)/);
  });
});
