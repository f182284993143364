/**
 * The write-ahead log: a node's only durable state. Forced writes (a participant's "prepared",
 * pre-commit and decision; the coordinator's decision) take config.logWriteMs virtual ms to become
 * durable and are lost if the node crashes first; only then does the node act on them (Bernstein,
 * Hadzilacos & Goodman §7.3: "the DT log"). `begin`, `end` and a participant's own abort are
 * written lazily: losing them is harmless under presumed abort.
 */
import type { NodeId } from '../../types';
import type { TwoPcConfig } from './config';
import { coordinatorOf, participantsOf, splitWrites } from './keys';
import type { CoordTxn, PartTxn, TwoPcPersistent, TwoPcState, WalRecord } from './state';

/** initState gives a fresh node `id` of cluster `nodes`. @throws Error if the config names nodes not in the cluster. */
export function initState(id: NodeId, nodes: readonly NodeId[], config: TwoPcConfig): TwoPcState {
  const coordinator = coordinatorOf(nodes, config);
  return {
    id, nodes: [...nodes], config, coordinator, participants: participantsOf(nodes, coordinator),
    log: [], unflushed: [], coord: {}, part: {}, kv: {}, locks: {}, armed: {}, recovering: false,
  };
}

/** persistentOf copies the durable log: all that survives a crash (pending forced writes do not). */
export const persistentOf = (s: TwoPcState): TwoPcPersistent => ({ log: structuredClone(s.log) });

/** force asks for a forced write of `rec`; once durable, `tell` nodes get a decision-reply (termination). */
export function force(s: TwoPcState, now: number, rec: WalRecord, tell: NodeId[] = []): void {
  s.unflushed.push({ rec, at: now + s.config.logWriteMs, tell });
}

/** undecided tells whether a participant's transaction still waits for its decision. */
export const undecided = (t: PartTxn): boolean => t.phase === 'preparing' || t.phase === 'prepared' || t.phase === 'committable';

const freshPart = (txn: string, coordinator: NodeId, participants: NodeId[], writes: Record<string, string>): PartTxn => ({
  txn, coordinator, participants, writes, phase: 'prepared', vote: 'commit', reason: null, since: null, deadline: null,
  blocked: false, backup: false, answers: {}, deferTo: null, ackTo: null, preWait: null, preAcks: [],
});

/**
 * recoverState rebuilds node `id` from its log: a participant is prepared (locks held) or committable
 * in each transaction the log leaves undecided and has applied every committed one; a coordinator
 * knows each transaction it began, decided or ended. The `start` input then resumes them. With the
 * `forget-prepared` bug a participant loses the prepared and pre-commit records of undecided
 * transactions, as if they had never been forced.
 */
export function recoverState(saved: TwoPcPersistent, id: NodeId, nodes: readonly NodeId[], config: TwoPcConfig): TwoPcState {
  const s = initState(id, nodes, config);
  let log = structuredClone(saved.log);
  if (config.bugs.includes('forget-prepared') && id !== s.coordinator) {
    const decided = new Set(log.filter((r) => r.type === 'decision').map((r) => r.txn));
    log = log.filter((r) => (r.type !== 'prepared' && r.type !== 'pre-commit') || decided.has(r.txn));
  }
  s.log = log;
  for (const rec of log) replay(s, rec);
  s.recovering = true;
  return s;
}

function replay(s: TwoPcState, rec: WalRecord): void {
  switch (rec.type) {
    case 'begin': {
      const shares = Object.fromEntries(splitWrites(rec.writes, rec.participants, s.config));
      s.coord[rec.txn] = {
        txn: rec.txn, client: rec.client, requestId: rec.requestId, writes: rec.writes, shares, participants: rec.participants,
        phase: 'voting', votes: {}, preAcks: [], acks: [], reason: null, deadline: null, began: 0, sent: false, answers: {},
      } satisfies CoordTxn;
      return;
    }
    case 'prepared':
      s.part[rec.txn] = freshPart(rec.txn, rec.coordinator, rec.participants, rec.writes);
      for (const key of Object.keys(rec.writes)) s.locks[key] = rec.txn;
      return;
    case 'pre-commit': {
      const t = s.part[rec.txn];
      if (t) t.phase = 'committable';
      return;
    }
    case 'decision': {
      const c = s.coord[rec.txn];
      if (c) {
        c.phase = rec.decision === 'commit' ? 'committed' : 'aborted';
        c.reason = rec.decision === 'abort' ? rec.reason : null;
        c.sent = true;
        return;
      }
      const t = s.part[rec.txn] ?? (s.part[rec.txn] = { ...freshPart(rec.txn, s.coordinator, [], {}), vote: null });
      t.phase = rec.decision === 'commit' ? 'committed' : 'aborted';
      t.reason = rec.decision === 'abort' ? rec.reason : null;
      if (rec.decision === 'commit') Object.assign(s.kv, t.writes);
      releaseLocks(s, rec.txn);
      return;
    }
    case 'end': {
      const c = s.coord[rec.txn];
      if (c) c.acks = [...c.participants];
      return;
    }
    default: {
      const never: never = rec;
      throw new Error(`unknown log record ${JSON.stringify(never)}`);
    }
  }
}

/** releaseLocks frees every lock `txn` holds. */
export function releaseLocks(s: TwoPcState, txn: string): void {
  for (const [key, holder] of Object.entries(s.locks)) if (holder === txn) delete s.locks[key];
}
