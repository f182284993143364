/** Lease-lock's teaching bugs: each removes one of the two things that make a lease safe to use. */
import type { TeachingBug } from '../../protocol';
import type { LeaseLockBug } from './config';

/** LEASE_LOCK_BUGS describes each teaching bug, in LEASE_LOCK_BUG_IDS order. */
export const LEASE_LOCK_BUGS: readonly (TeachingBug & { id: LeaseLockBug })[] = [
  {
    id: 'no-fencing',
    title: 'Storage without fencing',
    description: 'Storage takes every write, whatever its token (the same as config fencing: false): a client that wakes from a pause after its lease ran out overwrites its successor.',
    rule: 'The resource rejects a token below the highest it has accepted (Kleppmann 2016; Chubby §2.4, sequencers)',
    expected: 'Mutual exclusion in effect',
  },
  {
    id: 'minority-grant',
    title: 'Grant on one promise',
    description: 'A client takes the first lock node\'s promise as the lease: across a partition each side grants, and tokens repeat.',
    rule: 'A lease needs a majority of the lock nodes, so any two grants share a node (majority quorums)',
    expected: 'No grant by a minority',
  },
];
