/** SWIM's teaching bugs: each breaks one rule of Das et al. 2002 and is caught by a check (bugs.test.ts). */
import type { TeachingBug } from '../../protocol';
import type { SwimBug } from './config';

/** SWIM_BUGS describes each teaching bug, in SWIM_BUG_IDS order. */
export const SWIM_BUGS: readonly (TeachingBug & { id: SwimBug })[] = [
  {
    id: 'never-confirm',
    title: 'Never confirm a suspicion',
    description: 'A suspected member stays suspect forever: its suspicion timeout never declares it dead, so a crashed member is never removed from anyone’s list.',
    rule: 'A suspected member not refuted within the suspicion timeout is confirmed dead (Das et al. 2002, §4.2)',
    expected: 'completeness',
  },
  {
    id: 'ignore-incarnation',
    title: 'Ignore incarnation',
    description: 'A node keeps a member suspect even when it hears the member alive at a higher incarnation: the refutation is lost, and the suspicion ends in a false "dead".',
    rule: 'Alive at a higher incarnation overrides Suspect (Das et al. 2002, §4.2)',
    expected: 'Refutation wins',
  },
];
