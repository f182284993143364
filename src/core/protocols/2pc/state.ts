/**
 * A 2PC node's state: its durable write-ahead log (the persistent part, all that survives a crash),
 * the forced writes still on their way to disk, and the volatile per-transaction bookkeeping of the
 * coordinator or the participant, rebuilt from the log on recovery (Bernstein, Hadzilacos &
 * Goodman ch. 7, "the DT log").
 */
import type { ClientId, NodeId, VirtualMs } from '../../types';
import type { TwoPcConfig } from './config';
import type { Outcome } from './messages';

/** Decision is a transaction's outcome. */
export type Decision = 'commit' | 'abort';

/** WalRecord is one record of a node's write-ahead log (its DT log). */
export type WalRecord =
  /** Coordinator: the transaction began (written with the prepares; lost begins are presumed aborted). */
  | { type: 'begin'; txn: string; client: ClientId; requestId: number; writes: Record<string, string>; participants: NodeId[] }
  /** Participant: prepared with these writes, forced before it votes commit. */
  | { type: 'prepared'; txn: string; coordinator: NodeId; participants: NodeId[]; writes: Record<string, string> }
  /** Participant (3PC): committable, forced before it acks the pre-commit. */
  | { type: 'pre-commit'; txn: string }
  /** The node's decision; forced before the coordinator sends it and before a participant acks it. */
  | { type: 'decision'; txn: string; decision: Decision; reason: string }
  /** Coordinator: every participant acked; the transaction may be forgotten. */
  | { type: 'end'; txn: string };

/** Pending is one forced log write on its way to disk and what to do once it is durable. */
export interface Pending {
  rec: WalRecord;
  /** Durable at this virtual time. */
  at: VirtualMs;
  /** Nodes to answer with a decision-reply once the write is durable (termination). */
  tell: NodeId[];
}

/**
 * CoordPhase is a transaction's phase at the coordinator: collecting votes, collecting 3PC
 * pre-commit acks, logging its decision, decided (and collecting acks), or asking the participants
 * after a 3PC restart.
 */
export type CoordPhase = 'voting' | 'pre-committing' | 'deciding' | 'committed' | 'aborted' | 'asking';

/** CoordTxn is one transaction as its coordinator tracks it. */
export interface CoordTxn {
  txn: string;
  client: ClientId;
  requestId: number;
  writes: Record<string, string>;
  /** Each participant's share of the writes, participants in cluster order. */
  shares: Record<NodeId, Record<string, string>>;
  participants: NodeId[];
  phase: CoordPhase;
  votes: Record<NodeId, Decision>;
  /** 3PC: participants that acked the pre-commit. */
  preAcks: NodeId[];
  /** Participants that acked the decision. */
  acks: NodeId[];
  /** Why it aborted, or null. */
  reason: string | null;
  /** The next vote, pre-commit-ack or resend deadline (virtual ms), or null. */
  deadline: VirtualMs | null;
  /** When the coordinator took it (virtual ms). */
  began: VirtualMs;
  /** Whether the decision was already sent (the send-before-log bug sends first). */
  sent: boolean;
  /** 3PC restart: what each participant said when asked. */
  answers: Record<NodeId, Outcome>;
}

/** PartPhase is a transaction's phase at a participant (Skeen 1981's states; uncertain = prepared). */
export type PartPhase = 'preparing' | 'prepared' | 'committable' | 'deciding' | 'committed' | 'aborted';

/** PartTxn is one transaction as a participant tracks it. */
export interface PartTxn {
  txn: string;
  coordinator: NodeId;
  participants: NodeId[];
  writes: Record<string, string>;
  phase: PartPhase;
  /** Its vote, once sent. */
  vote: Decision | null;
  /** Why it aborted, or null. */
  reason: string | null;
  /** When it voted commit (virtual ms): since when it is uncertain. */
  since: VirtualMs | null;
  /** When the termination protocol runs next (virtual ms), or null. */
  deadline: VirtualMs | null;
  /** The decision timed out: it is blocked until someone tells it the outcome. */
  blocked: boolean;
  /** 3PC: it acts as backup coordinator, collecting the others' states until `deadline`. */
  backup: boolean;
  /** Termination: what each asked node said. */
  answers: Record<NodeId, Outcome>;
  /** 3PC: the backup coordinator it defers to, or null. */
  deferTo: NodeId | null;
  /** 3PC: who asked it to pre-commit, to ack (a backup coordinator), or null for the coordinator. */
  ackTo: NodeId | null;
  /**
   * 3PC backup coordinator: the uncertain participants it moves to committable before it commits
   * (Skeen 1981's termination rule), or null while it is still polling.
   */
  preWait: NodeId[] | null;
  /** 3PC backup coordinator: who has acked its pre-commit. */
  preAcks: NodeId[];
}

/** TwoPcState is one node's whole state. */
export interface TwoPcState {
  id: NodeId;
  nodes: readonly NodeId[];
  config: TwoPcConfig;
  coordinator: NodeId;
  participants: NodeId[];
  /** The durable write-ahead log, oldest first: the persistent state. */
  log: WalRecord[];
  /** Forced writes not yet durable (lost in a crash), oldest first. */
  unflushed: Pending[];
  /** Coordinator: its transactions by id, in the order taken. */
  coord: Record<string, CoordTxn>;
  /** Participant: its transactions by id, in the order prepared. */
  part: Record<string, PartTxn>;
  /** Participant: the committed data it owns. */
  kv: Record<string, string>;
  /** Participant: key → the transaction holding its write lock (held from prepare to decision). */
  locks: Record<string, string>;
  /** Deadlines the armed timers were set for (virtual ms), by timer name. */
  armed: Record<string, VirtualMs>;
  /** Set by recover: the `start` input resumes the transactions the log leaves open. */
  recovering: boolean;
}

/** TwoPcPersistent is what survives a crash: the write-ahead log. */
export interface TwoPcPersistent {
  log: WalRecord[];
}
