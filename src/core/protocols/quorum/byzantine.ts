/**
 * What a voter sends: an honest voter its stance on the proposed value at its configured weight;
 * a Byzantine one (config.byzantine or a timeline `byzantine` action) lies in one of four ways
 * ({@link Behaviour}). Tallies must be safe anyway: weights come from the configuration, a voter's
 * first vote is the one that counts, and each lie leaves evidence a tally flags (voting.ts).
 */
import type { NodeBehaviour } from '../../protocol';
import type { NodeId } from '../../types';
import type { Behaviour, Stance } from './config';
import type { Vote } from './messages';
import { weightOf, type QuorumState, type TallyState } from './state';

/** FORGED is the value a lying voter approves: a value no client proposed. */
export const forgedValue = (id: string): string => `forged-${id}`;

/** CLAIM_FACTOR is how many times its real votes a `claim-weight` liar claims. */
export const CLAIM_FACTOR = 10;

/** QUORUM_BEHAVIOURS describes each Byzantine behaviour for menus, in BEHAVIOURS order. */
export const QUORUM_BEHAVIOURS: readonly (NodeBehaviour & { id: Behaviour })[] = [
  { id: 'invent', title: 'Vote for an invented value', description: 'Approves a value nobody proposed. A tally counts it for that value only, and flags the voter.' },
  { id: 'vote-twice', title: 'Vote twice', description: 'Sends its vote twice, numbered 1 and 2. A tally counts a voter once and flags the second vote.' },
  { id: 'equivocate', title: 'Tell tallies different things', description: 'Approves at some tallies and rejects at the others. Tallies compare what they counted (Tally messages) and flag it.' },
  { id: 'claim-weight', title: 'Claim 10× its votes', description: `Approves a value nobody proposed and claims ${CLAIM_FACTOR} times the votes it holds. Weights come from the configuration, never from a claim; the voter is flagged.` },
];

/** honestVote is the vote an honest voter with stance `stance` casts on `t`: vote 1, its configured weight, the proposed value. */
export const honestVote = (s: QuorumState, t: TallyState, stance: Stance): Vote => ({ type: 'Vote', id: t.id, choice: stance, value: t.value ?? '', claimed: weightOf(s, s.id), n: 1 });

/**
 * votesFor gives the vote messages this node sends tally `to` on `t`: one honest vote, or its
 * behaviour's lie. Deterministic in (behaviour, tally), so a resend repeats the same lie.
 */
export function votesFor(s: QuorumState, t: TallyState, to: NodeId): Vote[] {
  const honest = honestVote(s, t, s.stance);
  const b = s.behaviour;
  if (b === null) return [honest];
  const forged = forgedValue(t.id);
  switch (b) {
    case 'invent':
      return [{ ...honest, choice: 'approve', value: forged }];
    case 'vote-twice':
      return [honest, { ...honest, n: 2 }];
    case 'equivocate':
      return [{ ...honest, choice: s.nodes.indexOf(to) % 2 === 0 ? 'approve' : 'reject' }];
    case 'claim-weight':
      return [{ ...honest, choice: 'approve', value: forged, claimed: weightOf(s, s.id) * CLAIM_FACTOR }];
    default: {
      const never: never = b;
      throw new Error(`unknown behaviour ${String(never)}`);
    }
  }
}
