/**
 * PBFT's messages, named and shaped as in Castro & Liskov 1999 (§4.1–§4.4). All are plain,
 * structured-cloneable objects discriminated by `type`, each carrying the tag (`auth`) of the
 * replica it claims to come from (`replica`; for a Request, the receiving replica) — see auth.ts.
 */
import type { ClientId, NodeId, OpResult } from '../../types';
import { opText } from '../../describe';
import { shortDigest, type ClientRequest, type SignedRequest } from './auth';
import type { Session } from '../../kv';

/**
 * Request carries a client's signed request from the replica the client contacted, the receiving
 * replica `replica`, to every replica (§4.1: the paper's client multicasts its request on a retry;
 * here the receiving replica does it for the simulated client). Replicas send their Reply for it to
 * `replica`, which answers the client once f+1 replies match.
 */
export interface Request {
  type: 'Request';
  request: SignedRequest;
  /** The receiving replica, and signer. */
  replica: NodeId;
  auth: string;
}

/**
 * PrePrepare assigns sequence number `seq` to the request with digest `digest` in `view` (§4.2
 * `<<PRE-PREPARE, v, n, d>σp, m>`). Sent by the primary of `view`; `request` null is the null request.
 */
export interface PrePrepare {
  type: 'PrePrepare';
  view: number;
  seq: number;
  digest: string;
  request: SignedRequest | null;
  replica: NodeId;
  auth: string;
}

/** Prepare is a backup's agreement to the pre-prepare (view, seq, digest) (§4.2 `<PREPARE, v, n, d, i>σi`). */
export interface Prepare {
  type: 'Prepare';
  view: number;
  seq: number;
  digest: string;
  replica: NodeId;
  auth: string;
}

/** Commit says its sender has prepared (view, seq, digest) (§4.2 `<COMMIT, v, n, D(m), i>σi`). */
export interface Commit {
  type: 'Commit';
  view: number;
  seq: number;
  digest: string;
  replica: NodeId;
  auth: string;
}

/**
 * Reply gives the result of a client's request after execution (§4.1 `<REPLY, v, t, c, i, r>σi`),
 * sent to the receiving replica, which answers the client once f+1 replies match.
 */
export interface Reply {
  type: 'Reply';
  view: number;
  client: ClientId;
  requestId: number;
  result: OpResult;
  replica: NodeId;
  auth: string;
}

/** Checkpoint announces the digest of the state after executing `seq` (§4.3 `<CHECKPOINT, n, d, i>σi`). */
export interface Checkpoint {
  type: 'Checkpoint';
  seq: number;
  digest: string;
  replica: NodeId;
  auth: string;
}

/** PreparedCert proves a request prepared at some replica: the pre-prepare and 2f matching prepares (§4.4, set P). */
export interface PreparedCert {
  prePrepare: PrePrepare;
  prepares: Prepare[];
}

/**
 * ViewChange asks to move to `view` (§4.4 `<VIEW-CHANGE, v+1, n, C, P, i>σi`): the sender's last
 * stable checkpoint `stableSeq` with its proof C (2f+1 Checkpoints; empty for seq 0), and P, a
 * prepared certificate for every sequence number above it that prepared at the sender.
 */
export interface ViewChange {
  type: 'ViewChange';
  view: number;
  stableSeq: number;
  checkpointProof: Checkpoint[];
  prepared: PreparedCert[];
  replica: NodeId;
  auth: string;
}

/**
 * NewView starts `view` (§4.4 `<NEW-VIEW, v+1, V, O>σp`): V, 2f+1 ViewChanges for it, and O, the
 * new primary's pre-prepares for every sequence number between min-s and max-s of V.
 */
export interface NewView {
  type: 'NewView';
  view: number;
  viewChanges: ViewChange[];
  prePrepares: PrePrepare[];
  replica: NodeId;
  auth: string;
}

/**
 * Fetch asks for the state at a stable checkpoint at or after `seq`, by a replica that fell behind
 * (state transfer; the paper's §4.3 leaves it to the full version, Castro & Liskov 2002 §6.2).
 */
export interface Fetch {
  type: 'Fetch';
  seq: number;
  replica: NodeId;
  auth: string;
}

/** State answers a Fetch: the state machine at stable checkpoint `seq`, with its proof (2f+1 Checkpoints). */
export interface State {
  type: 'State';
  seq: number;
  digest: string;
  proof: Checkpoint[];
  kv: [string, string][];
  sessions: [ClientId, Session][];
  replica: NodeId;
  auth: string;
}

/** PbftMessage is every message PBFT replicas exchange. */
export type PbftMessage = Request | PrePrepare | Prepare | Commit | Reply | Checkpoint | ViewChange | NewView | Fetch | State;

/** PbftMessageType is the `type` of a PbftMessage. */
export type PbftMessageType = PbftMessage['type'];

/** messageType names a message's kind, e.g. `PrePrepare`. */
export function messageType(msg: PbftMessage): string {
  return msg.type;
}

/** requestText gives e.g. `c1#3 put x 1`. */
export const requestText = (r: ClientRequest | null): string => (r === null ? 'null request' : `${r.client}#${r.requestId} ${opText(r.op)}`);

/**
 * describeMessage gives a short label naming the claimed sender, e.g. `Prepare v0 #3 d:ab12 from n2`,
 * `PrePrepare v0 #3 d:ab12 c1#1 put x 1 from n1`, `ViewChange v1 h4 P2 from n3`, `NewView v1 V3 O2 from n2`,
 * `Reply c1#3 ok from n4`, `Checkpoint #4 d:9f0e from n2`.
 */
export function describeMessage(msg: PbftMessage): string {
  switch (msg.type) {
    case 'Request':
      return `Request ${requestText(msg.request)} via ${msg.replica}`;
    case 'PrePrepare':
      return `PrePrepare v${msg.view} #${msg.seq} d:${shortDigest(msg.digest)} ${requestText(msg.request)} from ${msg.replica}`;
    case 'Prepare':
    case 'Commit':
      return `${msg.type} v${msg.view} #${msg.seq} d:${shortDigest(msg.digest)} from ${msg.replica}`;
    case 'Reply':
      return `Reply ${msg.client}#${msg.requestId} ${msg.result.ok ? ('value' in msg.result ? `ok ${JSON.stringify(msg.result.value)}` : 'ok') : 'fail'} from ${msg.replica}`;
    case 'Checkpoint':
      return `Checkpoint #${msg.seq} d:${shortDigest(msg.digest)} from ${msg.replica}`;
    case 'ViewChange':
      return `ViewChange v${msg.view} h${msg.stableSeq} P${msg.prepared.length} from ${msg.replica}`;
    case 'NewView':
      return `NewView v${msg.view} V${msg.viewChanges.length} O${msg.prePrepares.length} from ${msg.replica}`;
    case 'Fetch':
      return `Fetch #${msg.seq} from ${msg.replica}`;
    case 'State':
      return `State #${msg.seq} d:${shortDigest(msg.digest)} from ${msg.replica}`;
    default: {
      const _never: never = msg;
      throw new Error(`unknown PBFT message ${JSON.stringify(_never)}`);
    }
  }
}
