/**
 * Two-phase commit's messages, named as in Bernstein, Hadzilacos & Goodman ch. 7 and Gray 1978
 * (prepare, vote-commit / vote-abort, global-commit / global-abort, ack), with Skeen's 3PC
 * pre-commit and its ack, and the termination protocol's decision request and reply. `txn` is the
 * transaction id, `<client>#<requestId>` (e.g. `c1#3`).
 */
import type { NodeId } from '../../types';

/** Outcome is what a participant may say of a transaction when asked (the termination protocol). */
export type Outcome = 'committed' | 'aborted' | 'uncertain' | 'committable';

/** TwoPcMessage is every message of 2PC and 3PC. */
export type TwoPcMessage =
  /** Phase 1: the coordinator asks a participant to prepare its share `writes` of `txn`; `participants` lists them all (for termination). */
  | { type: 'prepare'; txn: string; writes: Record<string, string>; participants: NodeId[] }
  /** The participant has durably logged "prepared" and holds its locks: yes. */
  | { type: 'vote-commit'; txn: string }
  /** The participant refuses (`reason`: a conflict, a failed check); it has aborted. */
  | { type: 'vote-abort'; txn: string; reason: string }
  /** Phase 2: the decision is commit. */
  | { type: 'global-commit'; txn: string }
  /** Phase 2: the decision is abort, with the coordinator's reason. */
  | { type: 'global-abort'; txn: string; reason: string }
  /** The participant has logged and applied the decision. */
  | { type: 'ack'; txn: string }
  /** 3PC: every vote was yes; become committable (Skeen 1981). */
  | { type: 'pre-commit'; txn: string }
  /** 3PC: the participant has logged pre-commit. */
  | { type: 'pre-commit-ack'; txn: string }
  /** Termination: an uncertain node (or a 3PC backup coordinator) asks what the sender knows of `txn`. */
  | { type: 'decision-request'; txn: string }
  /** Termination: what the sender knows of `txn`. */
  | { type: 'decision-reply'; txn: string; outcome: Outcome };

/** MessageType is a message's `type`. */
export type MessageType = TwoPcMessage['type'];

/** MESSAGE_TYPES lists every message type, in protocol order. */
export const MESSAGE_TYPES: readonly MessageType[] = [
  'prepare', 'vote-commit', 'vote-abort', 'global-commit', 'global-abort', 'ack', 'pre-commit', 'pre-commit-ack', 'decision-request', 'decision-reply',
];

/** messageType names a message's kind, e.g. `vote-commit`. */
export const messageType = (m: TwoPcMessage): string => m.type;

/** writesText words writes as `x=1 y=2`. */
export const writesText = (writes: Readonly<Record<string, string>>): string =>
  Object.entries(writes).map(([k, val]) => `${k}=${val}`).join(' ');

/** describeMessage gives a short label, e.g. `prepare c1#3 x=1`, `vote-abort c1#3 (x locked by c2#1)`. */
export function describeMessage(m: TwoPcMessage): string {
  switch (m.type) {
    case 'prepare':
      return `prepare ${m.txn} ${writesText(m.writes)}`;
    case 'vote-abort':
    case 'global-abort':
      return `${m.type} ${m.txn} (${m.reason})`;
    case 'decision-reply':
      return `decision-reply ${m.txn} ${m.outcome}`;
    case 'vote-commit':
    case 'global-commit':
    case 'ack':
    case 'pre-commit':
    case 'pre-commit-ack':
    case 'decision-request':
      return `${m.type} ${m.txn}`;
    default: {
      const never: never = m;
      throw new Error(`unknown 2PC message ${JSON.stringify(never)}`);
    }
  }
}
