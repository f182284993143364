/**
 * SWIM's look (Das et al. 2002): members, joining nodes and nodes that left; pings and acks as
 * routine traffic, ping-req and relayed acks in orange, joins in violet; each node's incarnation
 * and suspect and dead counts under it; the SWIM panel (membership list, spread plot, the paper's
 * expectations). No forced timeout; the request form asks a node for its list's counts.
 */
import type { UiPlugin } from '../types';
import { classifySwim, SWIM_DRAW_ORDER, SWIM_KINDS } from './kinds';
import { MembersForm } from './MembersForm';
import { SwimPanel } from './SwimPanel';

export const swimLook: UiPlugin = {
  roles: [
    { role: 'member', label: 'member', tone: 'follower', description: 'In the group: probes one member per period and answers pings (§3.1)' },
    { role: 'joining', label: 'joining', tone: 'idle', description: 'Outside the group, asking the seed to let it in (§5)' },
    { role: 'left', label: 'left', tone: 'neutral', description: 'Left the group voluntarily: gossips itself dead, then goes silent (§5)' },
  ],
  defaultRole: 'member',
  leaderWord: 'any member',
  messageKinds: SWIM_KINDS,
  classify: classifySwim,
  drawOrder: SWIM_DRAW_ORDER,
  legend: [
    { kinds: ['ping', 'ack'], text: 'ping / ack', title: 'A member probes one member a period; it answers (§3.1)' },
    { kinds: ['ping-req', 'relayed-ack'], text: 'ping-req / relayed ack', title: 'A silent ping: k members ping the target and relay its ack (§3.1)' },
    { kinds: ['join', 'join-ack'], text: 'join / join ack', title: 'A new node joins through the seed (§5)' },
  ],
  nodeLine: (s) => [
    { label: 'inc', value: s.term },
    { label: 'suspect', value: Number(s.fields?.suspect ?? 0) },
    { label: 'dead', value: Number(s.fields?.dead ?? 0) },
  ],
  epoch: 'incarnation',
  persists: 'its incarnation and membership list',
  tolerance: (n) => `${n} members: any may crash; each crash is detected in about e/(e−1) periods and confirmed after the suspicion timeout`,
  panel: SwimPanel,
  requestForm: MembersForm,
  routineWords: 'pings & acks',
};
