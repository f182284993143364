/**
 * Protocol looks: how the canvas, legend, node menu, node panel and space-time diagram present a
 * protocol: its roles and their colours, the leader's role, message kinds for the legend, the word
 * for its epoch (Raft's term, PBFT's view), the forced-timeout action, and its Byzantine behaviours.
 * Keyed by registry name; an unknown protocol gets the generic (Raft-shaped) look.
 */
import type { ComponentType } from 'react';
import type { ConditionWords } from '../../core/travel/conditions';
import { epochNameOf, type NodeBehaviour } from '../../core/protocol';
import { PROTOCOLS } from '../../core/protocols/registry';
import { PbftPanel } from '../panels/pbft/PbftPanel';
import { MSG_KINDS, PBFT_MSG_KINDS, type MsgKind, type MsgKindInfo } from './messageKinds';

/**
 * RoleTone is the colour family a role is drawn in (app.css's --follower, --candidate, --leader,
 * --crashed): a protocol's roles map onto these so every view colours them alike.
 */
export type RoleTone = 'follower' | 'candidate' | 'leader' | 'crashed';

/** RoleLook is one role as the legend and the canvas show it. */
export interface RoleLook {
  /** The role as the protocol's summary reports it, e.g. `view-change`. */
  role: string;
  /** Legend text. */
  label: string;
  tone: RoleTone;
  /** One sentence for the legend's tooltip. */
  description: string;
}

/** LegendEntry is one legend line: one glyph per kind, then the text. */
export interface LegendEntry {
  kinds: readonly MsgKind[];
  text: string;
  /** Tooltip. */
  title: string;
}

/** ProtocolLook is everything the UI needs to present one protocol. */
export interface ProtocolLook {
  /** Registry name, e.g. `pbft`; `generic` for the fallback. */
  protocol: string;
  /** Roles in legend order, `crashed` last. */
  roles: readonly RoleLook[];
  /** The role a node has before its first summary arrives. */
  defaultRole: string;
  /** The leader's role (the registry's protocol.leaderRole; `leader` by default). */
  leaderRole: string;
  /** How to say "the leader" in menus, e.g. `the primary`. */
  leaderWord: string;
  /** Message kinds for the legend. */
  legend: readonly LegendEntry[];
  /** The epoch's name, the registry's protocol.epochName (core/protocol.ts): `term` (Raft) or `view` (PBFT). */
  epoch: string;
  /** The epoch's one-letter prefix on the space-time lanes, its first letter: `t3`, `v3`. */
  epochShort: string;
  /** Whether the node panel shows votedFor. */
  showVotedFor: boolean;
  /** The forced-timeout node action's label and tooltip. */
  timeout: { label: string; title: string };
  /** What a crashed node keeps, for the Crash action's tooltip. */
  persists: string;
  /** The Byzantine behaviours a node can be switched to; empty for crash-fault protocols. */
  behaviours: readonly NodeBehaviour[];
  /** tolerance says, for the node-count control's tooltip, how many faults `n` nodes tolerate. */
  tolerance(n: number): string;
  /** The protocol's own panel, drawn right under the lamps (PBFT's views, slots, checkpoints), if any. */
  panel?: ComponentType;
  /** Whether the side panel shows the votes per term (Raft's RequestVote; meaningless for PBFT). */
  showVotes: boolean;
}

const CRASHED: RoleLook = { role: 'crashed', label: 'crashed', tone: 'crashed', description: 'Stopped; keeps only its persistent state' };

const single = (k: MsgKindInfo): LegendEntry => ({ kinds: [k.kind], text: k.short, title: k.label });
const pbftKind = (kind: MsgKind): MsgKindInfo => PBFT_MSG_KINDS.find((k) => k.kind === kind)!;
const pair = (a: MsgKind, b: MsgKind, text: string): LegendEntry => ({
  kinds: [a, b],
  text,
  title: `${pbftKind(a).label}\n${pbftKind(b).label}`,
});

type LookSpec = Omit<ProtocolLook, 'protocol' | 'leaderRole' | 'behaviours' | 'epoch' | 'epochShort'>;

const RAFT: LookSpec = {
  roles: [
    { role: 'follower', label: 'follower', tone: 'follower', description: 'Follows the leader of its term' },
    { role: 'candidate', label: 'candidate', tone: 'candidate', description: 'Asks for votes to become leader (§5.2)' },
    { role: 'leader', label: 'leader', tone: 'leader', description: 'Replicates its log to the followers (§5.3)' },
    CRASHED,
  ],
  defaultRole: 'follower',
  leaderWord: 'the leader',
  legend: MSG_KINDS.map(single),
  showVotedFor: true,
  timeout: { label: 'Force election timeout', title: 'Make the node time out now and start an election (Raft §5.2)' },
  persists: 'term, vote, log',
  // A majority must stay up: ⌊(n−1)/2⌋ crashes (Raft §5.2).
  tolerance: (n) => {
    const f = Math.floor((n - 1) / 2);
    return `${n} nodes tolerate ${f} crash${f === 1 ? '' : 'es'} (a majority must stay up)`;
  },
  showVotes: true,
};

const PBFT: LookSpec = {
  roles: [
    { role: 'backup', label: 'backup', tone: 'follower', description: 'Checks and agrees with the primary’s order (§4.2)' },
    { role: 'view-change', label: 'view change', tone: 'candidate', description: 'Suspects the primary and asks for the next view (§4.4)' },
    { role: 'primary', label: 'primary', tone: 'leader', description: 'Orders the requests of its view (§4.2)' },
    CRASHED,
  ],
  defaultRole: 'backup',
  leaderWord: 'the primary',
  legend: [
    single(pbftKind('pre-prepare')),
    single(pbftKind('prepare')),
    single(pbftKind('commit')),
    pair('request', 'reply', 'request / reply'),
    single(pbftKind('checkpoint')),
    pair('view-change', 'new-view', 'view-change / new-view'),
    single(pbftKind('transfer')),
  ],
  showVotedFor: false,
  timeout: { label: 'Force view change', title: 'Make the node’s timer expire now: it suspects the primary and asks for the next view (PBFT §4.4)' },
  persists: 'view, log, checkpoints',
  // f = ⌊(n−1)/3⌋ Byzantine replicas (Castro & Liskov 1999, §3).
  tolerance: (n) => {
    const f = Math.floor((n - 1) / 3);
    return `${n} replicas tolerate f = ${f} Byzantine replica${f === 1 ? '' : 's'} (n ≥ 3f + 1)`;
  },
  panel: PbftPanel,
  showVotes: false,
};

const SPECS: Readonly<Record<string, LookSpec>> = { raft: RAFT, pbft: PBFT };

const cache = new Map<string, ProtocolLook>();

/**
 * lookOf gives the look of protocol `name` (a registry name): its own when it has one, else the
 * generic Raft-shaped look with the registry's leader role and behaviours. The same object is
 * returned for the same name, so it is safe in store selectors.
 */
export function lookOf(name: string): ProtocolLook {
  let look = cache.get(name);
  if (!look) {
    const protocol = PROTOCOLS[name]?.protocol;
    const spec = SPECS[name] ?? RAFT;
    look = {
      ...spec,
      protocol: SPECS[name] ? name : 'generic',
      leaderRole: protocol?.leaderRole ?? 'leader',
      epoch: protocol ? epochNameOf(protocol) : 'term',
      epochShort: (protocol ? epochNameOf(protocol) : 'term').charAt(0),
      behaviours: protocol?.behaviours ?? [],
    };
    cache.set(name, look);
  }
  return look;
}

/** roleLabel gives the text a node shows for `role`: the leader role starred (`★ primary`). */
export function roleLabel(look: ProtocolLook, role: string): string {
  const label = look.roles.find((r) => r.role === role)?.label ?? role;
  return role === look.leaderRole ? `★ ${label}` : label;
}

/**
 * toneOf gives the colour family of `role` in any protocol's look (role names are unique across
 * protocols, and the space-time palette does not know which protocol runs); null when no look has it.
 */
export function toneOf(role: string): RoleTone | null {
  for (const spec of Object.values(SPECS)) {
    const r = spec.roles.find((x) => x.role === role);
    if (r) return r.tone;
  }
  return null;
}

/** roleClasses gives the CSS classes of `role`: `role-<role>` and `tone-<tone>`; the stylesheet colours by tone. */
export const roleClasses = (role: string): string => `role-${role} tone-${toneOf(role) ?? 'follower'}`;

/** behaviourTitle gives behaviour `id`'s menu title in `look`, or the id itself when unknown. */
export function behaviourTitle(look: ProtocolLook, id: string): string {
  return look.behaviours.find((b) => b.id === id)?.title ?? id;
}

/** conditionWords gives a look's words for breakpoint conditions: `a new primary`, `a change of view` (PBFT). */
export const conditionWords = (look: ProtocolLook): ConditionWords => ({ leader: look.leaderWord.replace(/^the /, ''), epoch: look.epoch });
