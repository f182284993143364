/**
 * Gossip's messages, named for what they carry in Demers et al. 1987. Rumour mongering (§1.4):
 * `Push` carries a site's hot rumours to a partner; `PullRequest` asks a partner for its hot
 * rumours, which come back in a `PullReply`; `Feedback` tells the sender which rumours the receiver
 * already knew, so the sender's counter counts unneeded sends (feedback, counter). Anti-entropy
 * (§1.2): `Digest` lists every value a site holds; the partner answers with a `Repair` carrying what
 * the site lacks and naming what it lacks itself, and the site's own `Repair` completes the exchange.
 */

/** Rumour is one value with the hops it took to reach the sender (0 at the site a client told). */
export type Rumour = [value: string, hops: number];

/** Push carries the sender's hot rumours (push, or the push half of push-pull: then `pull` asks for the partner's). */
export interface Push {
  type: 'Push';
  rumours: Rumour[];
  /** push-pull: the partner answers with its own hot rumours in a PullReply. */
  pull: boolean;
}

/** PullRequest asks the partner for its hot rumours (pull, §1.3). */
export interface PullRequest {
  type: 'PullRequest';
}

/** PullReply carries the partner's hot rumours, minus any the request's Push already carried. */
export interface PullReply {
  type: 'PullReply';
  rumours: Rumour[];
}

/** Feedback names the rumours of a Push or PullReply the receiver already knew: unneeded sends (§1.4). */
export interface Feedback {
  type: 'Feedback';
  known: string[];
}

/** Digest lists every value the sender holds, for anti-entropy's comparison (§1.2). */
export interface Digest {
  type: 'Digest';
  values: string[];
}

/** Repair carries the values the partner lacks, and names those the sender lacks (`want`, empty to end the exchange). */
export interface Repair {
  type: 'Repair';
  rumours: Rumour[];
  want: string[];
}

/** GossipMessage is every message gossip sends. */
export type GossipMessage = Push | PullRequest | PullReply | Feedback | Digest | Repair;

/** MESSAGE_TYPES lists every message type, for menus. */
export const MESSAGE_TYPES: readonly GossipMessage['type'][] = ['Push', 'PullRequest', 'PullReply', 'Feedback', 'Digest', 'Repair'];

/** messageType names a message's kind. */
export const messageType = (m: GossipMessage): string => m.type;

const list = (xs: readonly string[], max = 4): string => (xs.length <= max ? xs.join(' ') : `${xs.slice(0, max).join(' ')} +${xs.length - max}`);
const values = (rs: readonly Rumour[]): string => list(rs.map(([v]) => v));

/** describeMessage gives a short label, e.g. `Push v1 v2, asks for the partner’s` or `Repair v3, wants v7`. */
export function describeMessage(m: GossipMessage): string {
  switch (m.type) {
    case 'Push':
      if (m.rumours.length === 0) return m.pull ? 'Push-pull: nothing hot, asks for the partner’s' : 'Push (nothing hot)';
      return `Push ${values(m.rumours)}${m.pull ? ', asks for the partner’s' : ''}`;
    case 'PullRequest':
      return 'PullRequest';
    case 'PullReply':
      return `PullReply ${values(m.rumours) || '(nothing hot)'}`;
    case 'Feedback':
      return `Feedback knew ${list(m.known)}`;
    case 'Digest':
      return `Digest ${m.values.length} value${m.values.length === 1 ? '' : 's'}`;
    case 'Repair':
      return `Repair ${values(m.rumours) || '(nothing)'}${m.want.length ? `, wants ${list(m.want)}` : ''}`;
    default: {
      const never: never = m;
      throw new Error(`unknown gossip message ${JSON.stringify(never)}`);
    }
  }
}
