/**
 * What explicit storage (storage.ts) and reads outside the log (reads.ts) add around Raft's step:
 * before it, their own timers, inputs and message fields; after it, a sync to start and reads to
 * move on. With neither configured, {@link hooked} is the plain env and nothing here runs, so Raft
 * steps exactly as without this file.
 */
import type { Input, StepEnv } from '../../protocol';
import type { KvOp, NodeId } from '../../types';
import type { RaftMessage } from './messages';
import { acceptRead, ackRound, ignoresVote, LEASE_PREFIX, leaseExpired, pumpReads, startLeaseRound } from './reads';
import { advanceCommitIndex } from './replication';
import { ELECTION, HEARTBEAT } from './roles';
import type { RaftState } from './state';
import { completeSync, holdUntilSynced, startSync, SYNC } from './storage';

/**
 * hooked gives the env Raft's step uses: `env` itself when neither feature is on; else one that
 * stamps the read round on a leader's AppendEntries, echoes it on a follower's replies to the
 * leader that sent it (`echo`), and holds promises until the sync (storage.ts).
 */
export function hooked(s: RaftState, input: Input<RaftMessage>, env: StepEnv<RaftMessage>): StepEnv<RaftMessage> {
  if (s.disk === null && s.reads === null) return env;
  const echo = input.kind === 'message' && input.msg.type === 'AppendEntries' && input.msg.readRound !== undefined ? { to: input.from, round: input.msg.readRound } : null;
  const send = (to: NodeId, msg: RaftMessage): void => {
    let m = msg;
    if (s.reads && m.type === 'AppendEntries' && s.role === 'leader' && s.reads.round > 0) m = { ...m, readRound: s.reads.round };
    else if (echo && m.type === 'AppendEntriesReply' && to === echo.to) m = { ...m, readRound: echo.round };
    if (holdUntilSynced(s, to, m)) return;
    env.send(to, m);
  };
  return {
    get now() {
      return env.now;
    },
    get rng() {
      return env.rng;
    },
    send,
    setTimer: (name, afterMs) => env.setTimer(name, afterMs),
    clearTimer: (name) => env.clearTimer(name),
    reply: (client, requestId, reply) => env.reply(client, requestId, reply),
    applied: (index, term, command) => env.applied(index, term, command),
    note: (text) => env.note(text),
    record: (kind, fields) => env.record(kind, fields),
    sync: () => env.sync?.(),
  };
}

/**
 * beforeStep handles what belongs to the features alone, before Raft's step; true when the input
 * is consumed: the sync completing, a lease timer, a client read served outside the log, a
 * RequestVote a follower ignores under a lease. It also notes read-round acknowledgements.
 */
export function beforeStep(s: RaftState, input: Input<RaftMessage>, env: StepEnv<RaftMessage>): boolean {
  const r = s.reads;
  switch (input.kind) {
    case 'start':
      if (r && s.config.reads === 'lease' && s.currentTerm > 0) r.holdVotes = true;
      return false;
    case 'timeout':
      if (r) r.holdVotes = false;
      return false;
    case 'timer':
      if (input.name === SYNC) {
        if (completeSync(s, env) && s.role === 'leader') advanceCommitIndex(s, env);
        return true;
      }
      if (r && input.name.startsWith(LEASE_PREFIX)) {
        leaseExpired(s, Number(input.name.slice(LEASE_PREFIX.length)));
        return true;
      }
      if (r && input.name === ELECTION) r.holdVotes = false;
      if (r && input.name === HEARTBEAT && s.role === 'leader' && s.config.reads === 'lease') startLeaseRound(s, env);
      return false;
    case 'request': {
      const op = input.op as KvOp;
      if (!r || op.f !== 'get' || s.role !== 'leader') return false;
      acceptRead(s, input.client, input.requestId, op.key);
      return true;
    }
    case 'message': {
      const m = input.msg;
      if (r && m.type === 'AppendEntriesReply' && m.readRound !== undefined && s.role === 'leader' && m.term === s.currentTerm) ackRound(s, input.from, m.readRound);
      if (m.type === 'RequestVote' && m.term > s.currentTerm && r && ignoresVote(s)) {
        env.note(`${s.id} ignores ${m.candidateId}'s RequestVote for term ${m.term}: it still follows ${s.leaderId ?? 'the leader it had before its restart'} (lease reads, §6.4.1)`);
        return true;
      }
      return false;
    }
    default:
      return false;
  }
}

/** afterStep starts a sync if anything is unsynced, and moves the leader's reads on. */
export function afterStep(s: RaftState, env: StepEnv<RaftMessage>): void {
  if (s.reads) pumpReads(s, env);
  if (s.disk) startSync(s, env);
}
