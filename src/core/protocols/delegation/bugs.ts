/** Delegation's teaching bugs: each breaks one rule so that a lamp catches it. */
import type { TeachingBug } from '../../protocol';
import type { DelegationBug } from './config';

/** DELEGATION_BUGS describes each teaching bug, in DELEGATION_BUG_IDS order. */
export const DELEGATION_BUGS: readonly (TeachingBug & { id: DelegationBug })[] = [
  {
    id: 'no-fencing',
    title: 'Reassign without a fencing check',
    description: 'The coordinator commits any Done for a task without checking its attempt, so when a slow follower’s stale attempt finishes after the task was reassigned, its effect is applied too.',
    rule: 'Only the current attempt (its fencing token: epoch and attempt number) may commit (Chubby §2.3 sequencers; Kleppmann 2016, fencing tokens)',
    expected: 'Effect once',
  },
  {
    id: 'no-backoff',
    title: 'Retry without backoff',
    description: 'A follower that does not acknowledge an assignment is sent it again at once, every ack timeout, with no backoff and no limit: a retry storm the metrics show as retries.',
    rule: 'Retries back off exponentially with jitter and give up after a few tries (Nygard, Release It! ch. 5)',
    expected: 'Backoff',
  },
];
