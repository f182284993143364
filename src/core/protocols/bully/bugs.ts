/**
 * Bully's teaching bugs: each skips one of Garcia-Molina's rules (as restated in
 * more-protocols.md §4), and the lamps catch it.
 */
import type { TeachingBug } from '../../protocol';
import type { BullyBug } from './config';

/** BULLY_BUGS describes each teaching bug, in BULLY_BUG_IDS order. */
export const BULLY_BUGS: readonly (TeachingBug & { id: BullyBug })[] = [
  {
    id: 'ignore-higher-coordinator',
    title: 'Ignore a higher COORDINATOR',
    description: 'A coordinator that hears a higher-ranked node announce itself keeps coordinating: when the old highest node recovers, two nodes rule for good.',
    rule: 'On COORDINATOR, adopt the sender (rule 5); a recovered higher node bullies the lower coordinator (rule 1)',
    expected: 'One coordinator',
  },
  {
    id: 'no-coordinator-timeout',
    title: 'Wait for ever after an ANSWER',
    description: 'A candidate that got an ANSWER waits for COORDINATOR without a timeout: if the node that answered dies before it announces, nobody ever coordinates.',
    rule: 'An ANSWER → wait for COORDINATOR, and restart the election if none comes within T′ (rule 3)',
    expected: 'One coordinator',
  },
];
