/** Paxos's teaching bugs (config.bugs), each the story of more-protocols.md §11 (bug A, bug B). */
import type { TeachingBug } from '../../protocol';
import type { PaxosBug } from './config';

/** PAXOS_BUGS describes each teaching bug, in PAXOS_BUG_IDS order. */
export const PAXOS_BUGS: readonly (TeachingBug & { id: PaxosBug })[] = [
  {
    id: 'accept-below-promise',
    title: 'Acceptor accepts below its promise',
    description: 'An acceptor accepts accept(n, v) although it promised a higher ballot, so a stale proposal can gather a second quorum after another value was chosen.',
    rule: 'An acceptor accepts a proposal numbered n unless it has responded to a prepare numbered above n (Paxos Made Simple §2.2, P1a)',
    expected: 'Agreement',
  },
  {
    id: 'ignore-promise-values',
    title: 'Proposer ignores the values in promises',
    description: 'A proposer with a quorum of promises proposes its own value (or a no-op) even when an acceptor reported an accepted proposal, so it can overwrite a value already chosen.',
    rule: 'Propose the value of the highest-numbered proposal reported in phase 1b, free only if none was reported (Paxos Made Simple §2.2, P2c)',
    expected: 'Agreement',
  },
];
