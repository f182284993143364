/**
 * Net is how a step sends: to another node over the bus, or to itself through a local queue the
 * step drains after the current handler (a proposer is often its own acceptor and learner).
 */
import type { StepEnv } from '../../protocol';
import type { NodeId } from '../../types';
import type { PaxosMessage } from './messages';
import type { PaxosState } from './state';

/** Net sends messages for one step. */
export interface Net {
  env: StepEnv<PaxosMessage>;
  send(to: NodeId, msg: PaxosMessage): void;
  /** sendAll sends `msg` to every node of `to` (itself included, through the local queue). */
  sendAll(to: readonly NodeId[], msg: PaxosMessage): void;
}

/** makeNet gives a Net for node `s`; self-addressed messages go to `local`, in order. */
export function makeNet(s: PaxosState, env: StepEnv<PaxosMessage>, local: PaxosMessage[]): Net {
  const send = (to: NodeId, msg: PaxosMessage) => (to === s.id ? local.push(msg) : env.send(to, msg));
  return { env, send, sendAll: (to, msg) => to.forEach((n) => send(n, msg)) };
}
