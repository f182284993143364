/**
 * The generic look: what a protocol with no UI registration gets, derived only from its core
 * protocol (roles, leaderRole, messageTypes, epochName). Neutral tones (the leading role, if any,
 * in the leader's), one round glyph per message type in a colour stable per type (distinct within the protocol), a JSON request
 * form when it has client operations, and no words of any particular protocol: no forced
 * timeout, no votedFor, nothing said to persist.
 */
import type { AnyProtocol } from '../../core/protocol';
import { leaderRoleOf } from '../../core/protocol';
import type { ClientOps } from '../../core/protocols/registry';
import { OpRequestForm } from './OpRequestForm';
import type { MessageKindLook, RoleLook, UiPlugin } from './types';

/**
 * TYPE_COLORS are the colours generic message types are drawn in: distinct hues dark enough for
 * white lanes, none the danger red used for drops.
 */
const TYPE_COLORS: readonly string[] = [
  '#2563eb', '#059669', '#d97706', '#7c3aed', '#0891b2', '#db2777',
  '#65a30d', '#ea580c', '#4f46e5', '#0d9488', '#a21caf', '#b45309',
];

/** typeSlot gives message type `type` its preferred colour index, from the type's name alone (FNV-1a hash). */
function typeSlot(type: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < type.length; i++) {
    h ^= type.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % TYPE_COLORS.length;
}

/**
 * typeColors gives each of `types` a colour: its preferred one (typeSlot) unless an earlier type
 * took it, then the next free one, so up to TYPE_COLORS.length types all differ. Deterministic in
 * the list: the same protocol always draws a type in the same colour.
 */
export function typeColors(types: readonly string[]): Map<string, string> {
  const taken = new Set<number>();
  const out = new Map<string, string>();
  for (const type of types) {
    let slot = typeSlot(type);
    for (let i = 0; i < TYPE_COLORS.length && taken.has(slot); i++) slot = (slot + 1) % TYPE_COLORS.length;
    taken.add(slot);
    out.set(type, TYPE_COLORS[slot]!);
  }
  return out;
}

/** roundGlyph is a plain disc of `color` with a dark rim: the generic glyph. */
export const roundGlyph = (color: string, r = 8) => () => <circle r={r} fill={color} stroke="#1e293b" strokeWidth={2} />;

/** genericKind is the kind of message type `type`: its own name, a disc of `color`. */
export function genericKind(type: string, color: string): MessageKindLook {
  return { kind: type, label: type, short: type, color, glyph: roundGlyph(color) };
}

/**
 * genericPlugin derives a neutral look from core protocol `p` (see the module comment); with `ops`
 * (its entry's client operations) that name any op, the generic JSON request form.
 */
export function genericPlugin(p: AnyProtocol, ops?: ClientOps): UiPlugin {
  const leader = leaderRoleOf(p);
  const names = p.roles ?? (leader ? [leader] : []);
  const roles: RoleLook[] = names.map((role) => ({
    role,
    label: role,
    tone: role === leader ? 'leader' : 'neutral',
    description: role === leader ? `Leads the cluster (${role})` : `A node in role ${role}`,
  }));
  const types = p.messageTypes ?? [];
  const known = new Set(types);
  const colors = typeColors(types);
  return {
    roles,
    messageKinds: types.map((t) => genericKind(t, colors.get(t)!)),
    classify: (type) => (known.has(type) ? type : undefined),
    epoch: p.epochName ?? null,
    requestForm: ops && ops.names.length > 0 ? OpRequestForm : null,
  };
}
