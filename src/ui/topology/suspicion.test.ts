import { describe, expect, it } from 'vitest';
import type { NodeDetail } from '../../core/protocol';
import { isByzantine, suspectersText, suspicionOf } from './suspicion';

const detail = (behaviour: string | null, suspects?: Record<string, string>): NodeDetail => ({
  summary: { role: 'backup', term: 0, votedFor: null, commitIndex: 0, lastLogIndex: 0, lastApplied: 0 },
  log: [],
  progress: null,
  votesReceived: null,
  kv: {},
  extra: {},
  behaviour,
  ...(suspects ? { suspects } : {}),
});

const nodes = ['n1', 'n2', 'n3', 'n4'];

describe('suspicionOf', () => {
  it('collects the honest suspecters in cluster order, with their reasons', () => {
    const details = {
      n1: detail(null, { n3: 'bad signature on prepare' }),
      n2: detail(null),
      n3: detail('forge'),
      n4: detail(null, { n3: 'forged commit' }),
    };
    expect(suspicionOf(details, nodes, 'n3')).toEqual({ by: ['n1', 'n4'], reasons: ['bad signature on prepare', 'forged commit'] });
    expect(suspicionOf(details, nodes, 'n1').by).toEqual([]);
  });

  it('ignores what Byzantine nodes claim, and a node accusing itself', () => {
    const details = {
      n1: detail('equivocate', { n2: 'lies' }),
      n2: detail(null, { n2: 'self' }),
      n3: detail('forge', { n2: 'more lies' }),
      n4: detail(null),
    };
    expect(suspicionOf(details, nodes, 'n2').by).toEqual([]);
  });

  it('copes with missing details and nodes without suspects', () => {
    const details = { n2: detail(null, { n1: 'silent' }) };
    expect(suspicionOf(details, nodes, 'n1')).toEqual({ by: ['n2'], reasons: ['silent'] });
    expect(suspicionOf({}, nodes, 'n1').by).toEqual([]);
  });
});

describe('isByzantine', () => {
  it('is true only for a named behaviour', () => {
    expect(isByzantine(detail('slow'))).toBe(true);
    expect(isByzantine(detail(null))).toBe(false);
    expect(isByzantine(undefined)).toBe(false);
  });
});

describe('suspectersText', () => {
  it('names up to three suspecters, else counts them', () => {
    expect(suspectersText([])).toBe('');
    expect(suspectersText(['n2', 'n3'])).toBe('suspected by n2 n3');
    expect(suspectersText(['n1', 'n2', 'n4', 'n5'])).toBe('suspected by 4 replicas');
  });
});
