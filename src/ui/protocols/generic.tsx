/**
 * The generic look: what a protocol with no UI registration gets, derived only from its core
 * protocol (roles, leaderRole, messageTypes, epochName). Neutral tones (the leading role, if any,
 * in the leader's), one round glyph per message type in a colour stable per type, a JSON request
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

/** typeColor gives message type `type` a colour that depends only on the type's name (FNV-1a hash). */
export function typeColor(type: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < type.length; i++) {
    h ^= type.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return TYPE_COLORS[h % TYPE_COLORS.length]!;
}

/** roundGlyph is a plain disc of `color` with a dark rim: the generic glyph. */
export const roundGlyph = (color: string, r = 8) => () => <circle r={r} fill={color} stroke="#1e293b" strokeWidth={2} />;

/** genericKind is the kind of message type `type`: its own name, a disc in its stable colour. */
export function genericKind(type: string): MessageKindLook {
  const color = typeColor(type);
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
  return {
    roles,
    messageKinds: types.map(genericKind),
    classify: (type) => (known.has(type) ? type : undefined),
    epoch: p.epochName ?? null,
    requestForm: ops && ops.names.length > 0 ? OpRequestForm : null,
  };
}
