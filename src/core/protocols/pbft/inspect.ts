/**
 * What the UI shows of a PBFT replica: the generic NodeDetail for the node panel, and
 * {@link inspectPbft}, a PBFT-specific view (the log by sequence number with each slot's phase and
 * votes, checkpoints, water marks, view change) for a future PBFT panel. Both are plain data.
 */
import { kvContents } from '../../kv';
import type { NodeDetail } from '../../protocol';
import type { NodeId } from '../../types';
import type { Behaviour } from './config';
import { requestText } from './messages';
import { highWater, lowWater, primaryOf, summaryOf, viewChangeOf, type PbftState, type PbftStatus } from './state';

/** SlotPhase is how far one sequence number got at this replica (§4.2). */
export type SlotPhase = 'pre-prepared' | 'prepared' | 'committed' | 'executed';

/** SlotView is one sequence number in the log between the water marks. */
export interface SlotView {
  seq: number;
  phase: SlotPhase;
  /** The digest of the pre-prepare (or of what committed), 8 hex digits. */
  digest: string;
  /** The view of the pre-prepare and votes shown. */
  view: number;
  /** The request, e.g. `c1#3 put x 1`, or `null request`. */
  request: string;
  /** Replicas whose Prepare matches the pre-prepare, in node order. */
  prepares: NodeId[];
  /** Replicas whose Commit matches it, in node order. */
  commits: NodeId[];
}

/** CheckpointView is one checkpoint digest with the replicas that vouched for it (§4.3). */
export interface CheckpointView {
  seq: number;
  digest: string;
  votes: NodeId[];
  stable: boolean;
}

/** PbftDetail is a PBFT replica as a PBFT panel shows it. */
export interface PbftDetail {
  view: number;
  primary: NodeId;
  status: PbftStatus;
  /** h and H (sequence numbers, §4.3). */
  lowWater: number;
  highWater: number;
  lastExecuted: number;
  /** Slots with an accepted pre-prepare or a commit, by sequence number. */
  slots: SlotView[];
  checkpoints: CheckpointView[];
  /** Suspected replicas with the first reason. */
  suspects: Record<NodeId, string>;
  behaviour: Behaviour | null;
  /** While changing views: the view sought, who asked for it, whether the NewView timer runs, the backoff count. */
  viewChange: { view: number; votes: NodeId[]; awaitingNewView: boolean; backoff: number } | null;
  /** Client requests known and not yet executed, e.g. `c1#3 put x 1`. */
  pending: string[];
}

/** inspectPbft gives the PBFT-specific view of a replica. */
export function inspectPbft(s: PbftState): PbftDetail {
  const slots: SlotView[] = [];
  for (const slot of [...s.log.values()].sort((a, b) => a.seq - b.seq)) {
    const pp = slot.prePrepare;
    if (!pp && !slot.committed) continue;
    const digest = pp?.digest ?? slot.committed!.digest;
    const phase: SlotPhase = slot.seq <= s.lastExecuted ? 'executed' : slot.committed ? 'committed' : slot.prepared ? 'prepared' : 'pre-prepared';
    slots.push({
      seq: slot.seq,
      phase,
      digest,
      view: slot.view,
      request: requestText(pp ? pp.request : slot.committed!.request),
      prepares: s.nodes.filter((id) => slot.prepares[id]?.digest === digest),
      commits: s.nodes.filter((id) => slot.commits[id]?.digest === digest),
    });
  }
  const checkpoints: CheckpointView[] = [];
  if (s.stable.seq > 0) checkpoints.push({ seq: s.stable.seq, digest: s.stable.digest, votes: s.stable.proof.map((c) => c.replica), stable: true });
  for (const [seq, votes] of [...s.checkpointVotes.entries()].sort(([a], [b]) => a - b)) {
    const byDigest = new Map<string, NodeId[]>();
    for (const id of s.nodes) {
      const cp = votes[id];
      if (cp) byDigest.set(cp.digest, [...(byDigest.get(cp.digest) ?? []), id]);
    }
    for (const [digest, ids] of byDigest) checkpoints.push({ seq, digest, votes: ids, stable: false });
  }
  return {
    view: s.view,
    primary: primaryOf(s, s.view),
    status: s.status,
    lowWater: lowWater(s),
    highWater: highWater(s),
    lastExecuted: s.lastExecuted,
    slots,
    checkpoints,
    suspects: { ...s.suspects },
    behaviour: s.behaviour,
    viewChange:
      s.status === 'view-change'
        ? { view: s.view, votes: s.nodes.filter((id) => viewChangeOf(s, id, s.view) !== undefined), awaitingNewView: s.awaitingNewView, backoff: s.backoff }
        : null,
    pending: [...s.pending.values()].map(requestText),
  };
}

/**
 * inspectNode gives the node panel's view: the executed requests as the log (seq 1 first; term =
 * the view each committed in), the state machine, extra rows (view, primary, status, h, H, stable
 * checkpoint, pending requests), the behaviour and suspects, and {@link inspectPbft} as
 * `protocolDetail` for the PBFT panel. Progress and votes do not apply to PBFT (null).
 */
export function inspectNode(s: PbftState): NodeDetail {
  return {
    summary: summaryOf(s),
    log: s.executed.slice(),
    progress: null,
    votesReceived: null,
    kv: kvContents(s.kv),
    extra: {
      view: s.view,
      primary: primaryOf(s, s.view),
      status: s.status,
      lowWaterMark: lowWater(s),
      highWaterMark: highWater(s),
      stableCheckpoint: s.stable.seq,
      pendingRequests: s.pending.size,
    },
    behaviour: s.behaviour,
    suspects: { ...s.suspects },
    protocolDetail: inspectPbft(s),
  };
}
