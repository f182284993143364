/**
 * The CRDT teaching bugs, each caught by a check (examples.test.ts, bugs.test.ts).
 */
import type { TeachingBug } from '../../protocol';
import type { CrdtBug } from './config';

/** CRDT_BUGS describes each teaching bug, in CRDT_BUG_IDS order. */
export const CRDT_BUGS: readonly (TeachingBug & { id: CrdtBug })[] = [
  {
    id: 'lww-skew-loses-write',
    title: 'LWW stamps writes with a skewed clock',
    description: 'An LWW write takes its timestamp from the replica’s raw clock. A replica whose clock runs slow stamps a new write below one it has already seen, and last-writer-wins throws the new, acknowledged write away.',
    rule: 'LWW timestamps must be consistent with causality: a write is stamped after every write its replica has seen (Shapiro et al. 2011, Spec. 8)',
    expected: 'strong-eventual-consistency',
  },
  {
    id: 'remove-wins',
    title: 'Remove wins over a concurrent add',
    description: 'Merging an OR-Set, a remove also kills tags of the element it never observed, so a remove beats a concurrent add (and replicas with the same updates disagree, depending on which way they merged).',
    rule: 'An OR-Set remove deletes only the add tags it observed; a concurrent add wins (Shapiro et al. 2011, Spec. 15)',
    expected: 'Equal updates, equal states',
  },
  {
    id: 'vclock-min-merge',
    title: 'Vector clocks merged by the minimum',
    description: 'On delivering an op, the replica merges the op’s vector clock into its own by the pointwise minimum. Its clock forgets deliveries, so later ops never look causally ready and old ones look new: causal delivery breaks and the replicas diverge.',
    rule: 'A vector clock merge is the pointwise maximum (Fidge 1988, Mattern 1989; Babaoğlu & Marzullo §10.2)',
    expected: 'strong-eventual-consistency',
  },
];
