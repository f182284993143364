/**
 * The quorum protocol's teaching bugs: each breaks one counting rule, and a check catches it
 * (bug-examples in examples.ts, tested in examples.test.ts).
 */
import type { TeachingBug } from '../../protocol';
import type { QuorumBug } from './config';

/** QUORUM_BUGS describes each teaching bug, in QUORUM_BUG_IDS order. */
export const QUORUM_BUGS: readonly (TeachingBug & { id: QuorumBug })[] = [
  {
    id: 'count-claimed-weight',
    title: 'Count the weight a vote claims',
    description: 'A tally counts the votes a voter says it holds, so a liar claiming ten times its weight decides a value nobody proposed.',
    rule: 'A replica’s votes are fixed by the configuration (Gifford 1979 §3), never taken from the voter',
    expected: 'Validity',
  },
  {
    id: 'count-duplicates',
    title: 'Count duplicate votes',
    description: 'A tally counts every vote message, so a voter that votes twice counts twice and a proposal passes without its threshold.',
    rule: 'Each voter counts once in a tally (duplicate votes count once)',
    expected: 'Quorum rule',
  },
  {
    id: 'read-first-reply',
    title: 'Read from the first copy that answers',
    description: 'A read returns the first copy that answers instead of gathering r votes: in effect r + w ≤ V, and a read misses the last write.',
    rule: 'A read gathers r votes with r + w > V, so it meets every write quorum (Gifford 1979)',
    expected: 'linearizability',
  },
];
