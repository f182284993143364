/**
 * The UI plugin contract: what a protocol's folder under src/ui/protocols/ declares so the canvas,
 * legend, node menu, node panel, request dock and space-time diagram can present it ({@link UiPlugin}),
 * and the resolved look generic code reads ({@link ProtocolLook}, built by registry.ts from the
 * plugin and the protocol's core entry). Generic UI code reads a protocol only through its look.
 */
import type { ComponentType, ReactElement } from 'react';
import type { AnyProtocol, NodeAction, NodeBehaviour } from '../../core/protocol';
import type { NodeId, NodeSummary } from '../../core/types';

/**
 * RoleTone is the colour family a role is drawn in (app.css's --leader, --follower, …): a protocol
 * maps its roles onto these so every view colours them alike.
 * - `leader`: the node that leads (Raft leader, PBFT primary, 2PC coordinator);
 * - `follower`: a node that follows (Raft follower, PBFT backup);
 * - `candidate`: a node trying to change who leads (Raft candidate, PBFT view change);
 * - `crashed`: down;
 * - `byzantine`: a node playing a faulty part as its role;
 * - `blocked`: waiting on others and unable to proceed (a 2PC participant holding its locks);
 * - `informed`: holds what is being spread (a gossip node that has the rumour);
 * - `idle`: has nothing to do yet (a gossip node that has not heard);
 * - `neutral`: no meaning given (the generic look of an unregistered protocol).
 */
export type RoleTone = 'leader' | 'follower' | 'candidate' | 'crashed' | 'byzantine' | 'blocked' | 'informed' | 'idle' | 'neutral';

/** ROLE_TONES lists every tone, for tests and the stylesheet's coverage. */
export const ROLE_TONES: readonly RoleTone[] = ['leader', 'follower', 'candidate', 'crashed', 'byzantine', 'blocked', 'informed', 'idle', 'neutral'];

/** NODE_WORD_MAX is the longest role word a node shows whole (characters, at 18 px; 10–11 at 15 px). */
export const NODE_WORD_MAX = 11;

/** RoleLook is one role as the legend and the canvas show it. */
export interface RoleLook {
  /** The role as the protocol's summary reports it, e.g. `view-change`. */
  role: string;
  /** Legend text, e.g. `view change`. */
  label: string;
  /**
   * The word on the node itself when `label` is longer than {@link NODE_WORD_MAX} characters (a
   * node is 120 px wide), e.g. `prepared` for `prepared (uncertain)`. Absent: `label`.
   */
  short?: string;
  tone: RoleTone;
  /** One sentence for the legend's tooltip. */
  description: string;
}

/**
 * MessageKindLook is one kind of message as drawn: a glyph on the canvas and legend, a colour for
 * the space-time diagram's arrows. A protocol's classifier maps each message onto a kind.
 */
export interface MessageKindLook {
  /** Id, unique within the look, e.g. `rv-yes`; kebab-case (it names an SVG symbol). */
  kind: string;
  /** The tooltip, e.g. `Vote granted`. */
  label: string;
  /** The legend text, e.g. `vote granted`. */
  short: string;
  /** The arrow colour in the space-time diagram, `#rrggbb`: the glyph's main fill. */
  color: string;
  /** glyph gives the SVG content of the glyph, centred on (0, 0) within a 28 × 28 box (no wrapper). */
  glyph(): ReactElement;
  /** Routine traffic (heartbeats and their acks) that the event log can hide. */
  routine?: boolean;
}

/** LegendEntry is one legend line: one glyph per kind, then the text. */
export interface LegendEntry {
  kinds: readonly string[];
  text: string;
  /** Tooltip. */
  title: string;
}

/** TimerLook is a protocol timer the canvas draws as a draining ring round the node. */
export interface TimerLook {
  /** The timer's name, as the protocol passes it to StepEnv.setTimer, e.g. `election`. */
  name: string;
  /** Words for the ring's tooltip, e.g. `election timeout`. */
  label: string;
}

/** NodeLineItem is one short statistic under a node's role on the canvas, e.g. `term 3`. */
export interface NodeLineItem {
  label: string;
  value: string | number;
}

/** RequestFormProps are what a request form gets: the node the request goes to. */
export interface RequestFormProps {
  node: NodeId;
}

/**
 * UiPlugin is what a protocol's UI folder declares (see src/ui/protocols/README.md). What the core
 * entry already says (leader role, epoch word, behaviours, node actions, forced timeout) is not
 * repeated here; registry.ts combines both into a {@link ProtocolLook}.
 */
export interface UiPlugin {
  /** Roles in legend order; registry.ts adds `crashed` last when missing. */
  roles: readonly RoleLook[];
  /** The role a node shows before its first summary arrives (default: the first role). */
  defaultRole?: string;
  /** How to say "the leader" in menus, e.g. `the primary` (default: `the <leaderRole>`). */
  leaderWord?: string;
  /** Every message kind the classifier returns, in the protocol's order. */
  messageKinds: readonly MessageKindLook[];
  /**
   * classify maps a message (its messageType and its fields) onto one of `messageKinds`; undefined
   * for a message the look does not know (drawn as `other`).
   */
  classify(type: string, msg: Readonly<Record<string, unknown>>): string | undefined;
  /** The space-time diagram's draw order of kinds, routine first so it lies underneath (default: `messageKinds` order). */
  drawOrder?: readonly string[];
  /** Legend lines (default: one per kind). */
  legend?: readonly LegendEntry[];
  /**
   * legendOmits names the roles and message kinds a scenario's `config` leaves switched off, which
   * the legend then leaves out so it stays whole on a projector (Raft: pre-vote's role and messages
   * without `config.preVote`). A legend line is left out when all its kinds are. Absent: show all.
   */
  legendOmits?(config: Readonly<Record<string, unknown>>): { roles?: readonly string[]; kinds?: readonly string[] };
  /** Timers drawn as a draining ring, first armed one wins (default: none). */
  timers?: readonly TimerLook[];
  /** nodeLine gives the statistics under a node's role on the canvas (default: the epoch, if any, and `fields`). */
  nodeLine?(s: NodeSummary): readonly NodeLineItem[];
  /** Whether the node panel shows votedFor (default false). */
  showVotedFor?: boolean;
  /** Whether the side panel shows the votes per term (Raft's RequestVote; default false). */
  showVotes?: boolean;
  /** What a crashed node keeps, for the Crash action's tooltip, e.g. `term, vote, log` (default: none said). */
  persists?: string;
  /** tolerance says, for the node-count control's tooltip, how many faults `n` nodes tolerate (default: none said). */
  tolerance?(n: number): string;
  /** The protocol's own panel, drawn right under the lamps, if any. */
  panel?: ComponentType;
  /** The request form; null or absent: no client request form. */
  requestForm?: ComponentType<RequestFormProps> | null;
  /** Overrides the core's epoch word (`term`, `view`); null: no epoch shown. Default: the core's epochName, or none. */
  epoch?: string | null;
  /** The event log's words for routine kinds' checkbox, e.g. `heartbeats & acks` (default: no checkbox). */
  routineWords?: string;
  /**
   * The forced-timeout action's words (Raft: `Force election timeout`), when the core's
   * Protocol.timeoutAction does not word it; ignored when that is null (no forced timeout).
   * Without either, no forced-timeout button.
   */
  timeout?: { label: string; title: string };
}

/** ProtocolLook is everything the UI needs to present one protocol: a plugin resolved against its core entry. */
export interface ProtocolLook {
  /** Registry name, e.g. `pbft`. */
  protocol: string;
  /** Whether this look was derived from the core entry alone (no UI registration). */
  generic: boolean;
  /** Whether the protocol keeps a replicated log (core Protocol.hasLog): the cluster's logs section shows only then. */
  hasLog: boolean;
  /** Roles in legend order, `crashed` last. */
  roles: readonly RoleLook[];
  defaultRole: string;
  /** The leader's role (core leaderRoleOf); null for a leader-free protocol. */
  leaderRole: string | null;
  /** How to say "the leader" in menus, e.g. `the primary`; `the first node` when leader-free (the panel then shows the first node). */
  leaderWord: string;
  /** Every kind, `other` last. */
  messageKinds: readonly MessageKindLook[];
  /** kind gives a kind's look; `other`'s for an unknown id. */
  kind(id: string): MessageKindLook;
  /** kindOf classifies a message (a value of the protocol's message union) into a kind id; `other` when unknown. */
  kindOf(msg: unknown): string;
  /** Kind ids in space-time draw order, every kind once. */
  drawOrder: readonly string[];
  legend: readonly LegendEntry[];
  /** See {@link UiPlugin.legendOmits}; omits nothing when the plugin does not say. */
  legendOmits(config: Readonly<Record<string, unknown>>): { roles?: readonly string[]; kinds?: readonly string[] };
  timers: readonly TimerLook[];
  nodeLine(s: NodeSummary): readonly NodeLineItem[];
  /** The epoch's name (`term`, `view`), null when the protocol has none. */
  epoch: string | null;
  /** The epoch's one-letter prefix on the space-time lanes (`t3`, `v3`); empty without an epoch. */
  epochShort: string;
  showVotedFor: boolean;
  showVotes: boolean;
  /** The forced-timeout node action's words, or null: no forced timeout. */
  timeout: { label: string; title: string } | null;
  /** The protocol's own node actions (core Protocol.nodeActions). */
  nodeActions: readonly NodeAction[];
  /** What a crashed node keeps, or null when the protocol does not say. */
  persists: string | null;
  /** Whether the protocol may sync its writes explicitly (core Protocol.syncsExplicitly), so a power loss can lose some. */
  syncs: boolean;
  behaviours: readonly NodeBehaviour[];
  /** tolerance words the fault tolerance of `n` nodes, or null when the protocol does not say. */
  tolerance(n: number): string | null;
  panel: ComponentType | null;
  requestForm: ComponentType<RequestFormProps> | null;
  /** The event log's words for routine traffic, null when the look marks none. */
  routineWords: string | null;
  /** The core protocol the look presents. */
  core: AnyProtocol;
}
