/**
 * Bully's messages (Garcia-Molina 1982; more-protocols.md §4), plain values named as in the paper's
 * restatements: ELECTION to every higher-ranked node, ANSWER (OK) back from a higher one, and
 * COORDINATOR from the winner to everyone; plus the Heartbeat every node sends every other node,
 * which feeds the receiver's failure detector and carries the sender's score and the coordinator it
 * accepts. Every message carries its sender's score (0 in id mode), so ranks travel with traffic.
 */
import type { NodeId } from '../../types';

/** Election asks every higher-ranked node whether it is alive (rule 1); `round` is the sender's election count. */
export interface ElectionMsg {
  type: 'Election';
  score: number;
  round: number;
}

/** Answer (the paper's OK) tells a lower-ranked candidate that a higher node is alive and takes over (rule 4). */
export interface AnswerMsg {
  type: 'Answer';
  score: number;
}

/** Coordinator announces the sender as coordinator (rules 1, 2). */
export interface CoordinatorMsg {
  type: 'Coordinator';
  score: number;
  round: number;
}

/** ElectionMessage is the election's own messages, which a protocol embedding election.ts adds to its union. */
export type ElectionMessage = ElectionMsg | AnswerMsg | CoordinatorMsg;

/** Heartbeat says "I am alive", with the sender's score and the coordinator it accepts (null: none, during an election). */
export interface HeartbeatMsg {
  type: 'Heartbeat';
  score: number;
  coordinator: NodeId | null;
}

/** BullyMessage is every message bully sends. */
export type BullyMessage = ElectionMessage | HeartbeatMsg;

/** MESSAGE_TYPES lists every message type, for menus and filters. */
export const MESSAGE_TYPES = ['Election', 'Answer', 'Coordinator', 'Heartbeat'] as const;

/** messageType names a message's kind. */
export const messageType = (m: BullyMessage): string => m.type;

/** describeMessage gives a short label, e.g. `Election r2 (score 90)`. */
export function describeMessage(m: BullyMessage): string {
  switch (m.type) {
    case 'Election':
      return `Election r${m.round} (score ${m.score})`;
    case 'Answer':
      return `Answer (OK, score ${m.score})`;
    case 'Coordinator':
      return `Coordinator r${m.round} (score ${m.score})`;
    case 'Heartbeat':
      return `Heartbeat (score ${m.score}, coordinator ${m.coordinator ?? 'none'})`;
    default: {
      const never: never = m;
      throw new Error(`unknown bully message ${JSON.stringify(never)}`);
    }
  }
}
