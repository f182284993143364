/**
 * Execution (Castro & Liskov 1999, §4.2): "each replica i executes the operation requested by m
 * after committed-local(m, v, n, i) is true and i's state reflects the sequential execution of all
 * requests with lower sequence numbers". The key-value state machine and the client session table
 * of kv.ts make a request that was assigned two sequence numbers (a retry after a view change) take
 * effect once; the null request does nothing.
 */
import { applyOnce } from '../../kv';
import type { StepEnv } from '../../protocol';
import type { KvOp } from '../../types';
import type { PbftMessage } from './messages';
import { takeCheckpoint } from './checkpoint';
import { sendReply } from './requests';
import { LIMITS, requestKey, type PbftState, type Slot } from './state';
import { updateRequestTimer } from './waiting';

/** PbftCommand is what an `apply` trace record and the node panel's log carry for one executed sequence number. */
export type PbftCommand =
  | { kind: 'op'; client: string; requestId: number; op: KvOp }
  | { kind: 'noop' };

/**
 * tryExecute executes, in sequence order, every committed-local slot right after the last executed
 * one. Nothing runs while a state transfer is due (the last executed is below h).
 */
export function tryExecute(s: PbftState, env: StepEnv<PbftMessage>): void {
  if (s.lastExecuted < s.stable.seq) return;
  for (;;) {
    const slot = s.log.get(s.lastExecuted + 1);
    if (!slot?.committed) return;
    execute(s, slot, env);
  }
}

/**
 * execute runs one committed slot: applies its request once (the session table answers a retry
 * with the first result), reports it with `env.applied(seq, view, command)`, sends the Reply to
 * every receiving replica waiting for it, takes a checkpoint at multiples of K (§4.3), and restarts
 * the request timer if other requests still wait (§4.4). Executing a client's request ends any
 * run of failed view changes, so the NewView timeout is no longer doubled (§4.5.2).
 */
function execute(s: PbftState, slot: Slot, env: StepEnv<PbftMessage>): void {
  const { request, view } = slot.committed!;
  const seq = slot.seq;
  s.lastExecuted = seq;
  let command: PbftCommand;
  if (request) {
    const { client, requestId, op } = request;
    const result = applyOnce(s.kv, s.sessions, client, requestId, op);
    command = { kind: 'op', client, requestId, op };
    const key = requestKey(client, requestId);
    for (const [k, p] of [...s.pending]) if (p.client === client && p.requestId <= requestId) s.pending.delete(k);
    const receivers = s.replyTo.get(key) ?? [];
    s.replyTo.delete(key);
    for (const to of receivers) sendReply(s, env, to, client, requestId, result);
    s.backoff = 0;
  } else command = { kind: 'noop' };
  if (s.executed.length === seq - 1 && s.executed.length < LIMITS.maxExecutedShown) s.executed.push({ term: view, command });
  env.applied(seq, view, command);
  if (seq % s.config.checkpointInterval === 0) takeCheckpoint(s, env, seq);
  updateRequestTimer(s, env, request !== null);
}
