/**
 * The quorum protocol's messages. Replicated data (Gifford 1979): a coordinator asks replicas for
 * their copy (`ReadVersion` → `Version`) and writes a copy at a new version (`WriteVersion` →
 * `WriteAck`). Proposals (the original design's agent voting): a `Propose` asks every voter to
 * vote, each voter sends its `Vote` to every tally, and a tally that decides sends its `Tally` (the
 * votes it counted) so the others can catch a voter that told different tallies different things.
 */
import type { NodeId } from '../../types';
import type { Stance } from './config';

/**
 * Tag orders copies: the version number, then the writer (a coordinator's op id) to break the tie
 * between two writers that read the same version. Compare with {@link compareTags}.
 */
export interface Tag {
  version: number;
  writer: string;
}

/** ZERO_TAG is the tag of a key nobody has written. */
export const ZERO_TAG: Tag = { version: 0, writer: '' };

/** compareTags orders tags by version, then writer: negative when `a` is older. */
export const compareTags = (a: Tag, b: Tag): number => a.version - b.version || (a.writer < b.writer ? -1 : a.writer > b.writer ? 1 : 0);

/** tagText words a tag: `v3` (the writer only when asked, `v3/n2.4`). */
export const tagText = (t: Tag, writer = false): string => `v${t.version}${writer && t.writer ? `/${t.writer}` : ''}`;

/** ReadVersion asks a replica for its copy of `key`, for coordinator op `op`. */
export interface ReadVersion {
  type: 'ReadVersion';
  op: string;
  key: string;
  /** A put's request (`client#requestId`): the replica says whether it already stored it. */
  req?: string;
}

/** Version is a replica's copy of `key`: its tag and value (null: never written). */
export interface Version {
  type: 'Version';
  op: string;
  key: string;
  tag: Tag;
  value: string | null;
  /** The request whose put wrote this copy, passed on by a read's write-back. */
  req?: string;
  /** The tag at which this replica stored the asking put's request before (a retry's first attempt). */
  done?: Tag;
}

/** WriteVersion asks a replica to store `value` at `tag`, unless it holds a newer copy. */
export interface WriteVersion {
  type: 'WriteVersion';
  op: string;
  key: string;
  tag: Tag;
  value: string | null;
  /** The client request whose put wrote this copy (a write-back passes it on). */
  req?: string;
}

/** WriteAck says the replica holds `key` at `tag` or newer. */
export interface WriteAck {
  type: 'WriteAck';
  op: string;
  key: string;
  tag: Tag;
}

/** Propose asks for a vote on proposal `id`, whose value is `value`. */
export interface Propose {
  type: 'Propose';
  id: string;
  value: string;
}

/**
 * Vote is one voter's vote on proposal `id`: approve `value`, reject, or abstain. `claimed` is the
 * weight the voter says it holds (a tally trusts the configuration, never this); `n` numbers the
 * voter's votes (an honest voter sends vote 1 only, perhaps again on request).
 */
export interface Vote {
  type: 'Vote';
  id: string;
  choice: Stance;
  value: string;
  claimed: number;
  n: number;
}

/** Tally lists the votes a tally counted when it decided `id`, as [voter, choice, value]. */
export interface Tally {
  type: 'Tally';
  id: string;
  votes: [NodeId, Stance, string][];
}

/** QuorumMessage is every message the quorum protocol sends. */
export type QuorumMessage = ReadVersion | Version | WriteVersion | WriteAck | Propose | Vote | Tally;

/** MESSAGE_TYPES lists every message type, for menus. */
export const MESSAGE_TYPES: readonly QuorumMessage['type'][] = ['ReadVersion', 'Version', 'WriteVersion', 'WriteAck', 'Propose', 'Vote', 'Tally'];

/** messageType names a message's kind. */
export const messageType = (m: QuorumMessage): string => m.type;

/** describeMessage gives a short label, e.g. `Version x v3 = c1.2` or `Vote p1 approve x (claims 10)`. */
export function describeMessage(m: QuorumMessage): string {
  switch (m.type) {
    case 'ReadVersion':
      return `ReadVersion ${m.key}`;
    case 'Version':
      return `Version ${m.key} ${tagText(m.tag)} = ${m.value ?? 'nil'}`;
    case 'WriteVersion':
      return `WriteVersion ${m.key} ${tagText(m.tag)} = ${m.value ?? 'nil'}`;
    case 'WriteAck':
      return `WriteAck ${m.key} ${tagText(m.tag)}`;
    case 'Propose':
      return `Propose ${m.id} = ${m.value}`;
    case 'Vote':
      return `Vote ${m.id} ${m.choice}${m.choice === 'approve' ? ` ${m.value}` : ''} (claims ${m.claimed})${m.n > 1 ? ` #${m.n}` : ''}`;
    case 'Tally':
      return `Tally ${m.id}: ${m.votes.length} vote${m.votes.length === 1 ? '' : 's'}`;
    default: {
      const never: never = m;
      throw new Error(`unknown quorum message ${JSON.stringify(never)}`);
    }
  }
}
