/**
 * Gossip's teaching bugs: each breaks one rule of Demers et al. 1987 so that eventual delivery
 * fails when anti-entropy is off (with anti-entropy on, §1.5's fallback repairs both).
 */
import type { TeachingBug } from '../../protocol';
import type { GossipBug } from './config';

/** GOSSIP_BUGS describes each teaching bug, in GOSSIP_BUG_IDS order. */
export const GOSSIP_BUGS: readonly (TeachingBug & { id: GossipBug })[] = [
  {
    id: 'give-up-at-once',
    title: 'Give up at once',
    description: 'A node loses interest in a rumour the moment it learns it, before telling anyone: rumour mongering spreads nothing.',
    rule: 'A site stays infective until k of its sends were unneeded (Demers et al. 1987, §1.4, feedback and counter)',
    expected: 'eventual-delivery',
  },
  {
    id: 'no-forward-pulled',
    title: 'Never forward a pulled value',
    description: 'A value a node learns by pull is stored but never made a hot rumour, so the node never passes it on.',
    rule: 'Every site that learns a rumour becomes infective, however it learned it (Demers et al. 1987, §1.3–§1.4)',
    expected: 'eventual-delivery',
  },
];
