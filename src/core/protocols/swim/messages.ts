/**
 * SWIM's messages (Das et al. 2002, §3.1, §4.1, §5): `Ping` probes a member, which answers `Ack`;
 * `PingReq` asks a helper to ping a target on the sender's behalf, and the helper relays the
 * target's ack as an `Ack` naming the target. Every one of them piggybacks membership updates
 * (§4.1, infection-style dissemination). `Join` asks the seed to let a new member in; `JoinAck`
 * gives it the seed's membership list.
 */
import type { NodeId } from '../../types';

/** MemberState is what a member's list says of a member (§4.2): alive, suspect or dead (failed or left). */
export type MemberState = 'alive' | 'suspect' | 'dead';

/** Update is one piggybacked membership update: `member` is `state` at incarnation `inc` (§4.2). */
export interface Update {
  member: NodeId;
  state: MemberState;
  inc: number;
}

/** Ping probes the receiver; `seq` matches its Ack. */
export interface Ping {
  type: 'Ping';
  seq: number;
  updates: Update[];
}

/** PingReq asks the receiver to ping `target` and relay its ack (§3.1). */
export interface PingReq {
  type: 'PingReq';
  seq: number;
  target: NodeId;
  updates: Update[];
}

/** Ack answers a Ping (`target` absent) or relays the target's ack for a PingReq (`target` set). */
export interface Ack {
  type: 'Ack';
  seq: number;
  target?: NodeId;
  updates: Update[];
}

/** Join asks the seed to let the sender in, at incarnation `inc` (§5). */
export interface Join {
  type: 'Join';
  inc: number;
}

/** JoinAck gives the joiner the seed's membership list. */
export interface JoinAck {
  type: 'JoinAck';
  members: Update[];
}

/** SwimMessage is every message SWIM sends. */
export type SwimMessage = Ping | PingReq | Ack | Join | JoinAck;

/** MESSAGE_TYPES lists every message type, for menus. */
export const MESSAGE_TYPES: readonly SwimMessage['type'][] = ['Ping', 'PingReq', 'Ack', 'Join', 'JoinAck'];

/** messageType names a message's kind. */
export const messageType = (m: SwimMessage): string => m.type;

const updatesText = (us: readonly Update[]): string => (us.length ? ` +${us.map((u) => `${u.member} ${u.state}@${u.inc}`).slice(0, 2).join(' ')}${us.length > 2 ? ` +${us.length - 2}` : ''}` : '');

/** describeMessage gives a short label, e.g. `Ping #4 +n3 suspect@0` or `Ack #4 for n7`. */
export function describeMessage(m: SwimMessage): string {
  switch (m.type) {
    case 'Ping':
      return `Ping #${m.seq}${updatesText(m.updates)}`;
    case 'PingReq':
      return `PingReq #${m.seq} → ${m.target}${updatesText(m.updates)}`;
    case 'Ack':
      return `Ack #${m.seq}${m.target ? ` for ${m.target}` : ''}${updatesText(m.updates)}`;
    case 'Join':
      return `Join @${m.inc}`;
    case 'JoinAck':
      return `JoinAck ${m.members.length} members`;
    default: {
      const never: never = m;
      throw new Error(`unknown swim message ${JSON.stringify(never)}`);
    }
  }
}
