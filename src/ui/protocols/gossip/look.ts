/**
 * Gossip's look (Demers et al. 1987): susceptible, infective and removed nodes (the SIR words of
 * §1.4); one glyph per message, empty pushes drawn as pulls; values held and hot rumours under each
 * node; no epoch, no forced timeout; the gossip panel (infection wave, propagation plot, messages
 * per broadcast) and a broadcast form.
 */
import type { UiPlugin } from '../types';
import { BroadcastForm } from './BroadcastForm';
import { GossipPanel } from './GossipPanel';
import { classifyGossip, GOSSIP_DRAW_ORDER, GOSSIP_KINDS } from './kinds';

export const gossipLook: UiPlugin = {
  roles: [
    { role: 'susceptible', label: 'susceptible', tone: 'idle', description: 'Has not heard any value yet (§1.4)' },
    { role: 'infective', label: 'infective', tone: 'informed', description: 'Spreads at least one hot rumour (§1.4)' },
    { role: 'removed', label: 'removed', tone: 'neutral', description: 'Holds values but has lost interest in all of them (§1.4)' },
  ],
  defaultRole: 'susceptible',
  leaderWord: 'any node',
  messageKinds: GOSSIP_KINDS,
  classify: classifyGossip,
  drawOrder: GOSSIP_DRAW_ORDER,
  nodeLine: (s) => [
    { label: 'values', value: Number(s.fields?.values ?? 0) },
    { label: 'hot', value: Number(s.fields?.hot ?? 0) },
  ],
  epoch: null,
  persists: 'the values it holds',
  tolerance: (n) => `${n} nodes: any node may crash; anti-entropy brings it up to date when it returns`,
  panel: GossipPanel,
  requestForm: BroadcastForm,
  routineWords: 'feedback & digests',
};
