/**
 * The lease-lock step: one node's reaction to one input, by its part (lock.ts, client.ts,
 * storage.ts). Client requests reach clients; a lock node or storage redirects them to one.
 */
import type { Input, StepEnv } from '../../protocol';
import type { LeaseMessage } from './messages';
import type { LeaseState } from './state';
import { lockMessage, lockStart, lockTimer } from './lock';
import { clientMessage, clientRequest, clientStart, clientTimer } from './client';
import { storageWrite } from './storage';

/**
 * ownerOf is the client node a lock node or storage sends client `client`'s requests to: the same
 * one every time (by a hash of the id), so a client's retries meet the node that has its request.
 */
function ownerOf(s: LeaseState, client: string): string {
  let h = 0;
  for (let i = 0; i < client.length; i++) h = (h * 31 + client.charCodeAt(i)) >>> 0;
  return s.layout.clients[h % s.layout.clients.length]!;
}

/** step handles one input at one node. */
export function step(s: LeaseState, input: Input<LeaseMessage>, env: StepEnv<LeaseMessage>): void {
  switch (input.kind) {
    case 'start':
      if (s.part === 'lock') lockStart(s, env);
      else if (s.part === 'client') clientStart(s);
      return;
    case 'timer':
      if (s.part === 'lock') lockTimer(s, input.name, env);
      else if (s.part === 'client') clientTimer(s, input.name, env);
      return;
    case 'message':
      if (s.part === 'lock') lockMessage(s, input.from, input.msg, env);
      else if (s.part === 'client') clientMessage(s, input.from, input.msg, env);
      else if (input.msg.type === 'Write') storageWrite(s, input.from, input.msg, env);
      return;
    case 'request':
      if (s.part === 'client') clientRequest(s, input.client, input.requestId, input.op, env);
      else if (s.layout.clients.length) env.reply(input.client, input.requestId, { kind: 'redirect', leader: ownerOf(s, input.client) });
      else env.reply(input.client, input.requestId, { kind: 'redirect', leader: null });
      return;
    case 'timeout':
    case 'behave':
    case 'action':
      return; // no timeout to force, no Byzantine behaviours, no node actions
    default: {
      const never: never = input;
      throw new Error(`unknown input ${JSON.stringify(never)}`);
    }
  }
}
