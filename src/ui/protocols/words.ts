/**
 * Small readings of a look shared by the canvas, legend, panels and space-time diagram: a role's
 * label and tone, its CSS classes, a behaviour's title, and the words of breakpoint conditions.
 */
import type { ConditionWords } from '../../core/travel/conditions';
import type { ProtocolLook, RoleTone } from './types';

/** roleLabel gives the text a node shows for `role`: the leader role starred (`★ primary`). */
export function roleLabel(look: ProtocolLook, role: string): string {
  const r = look.roles.find((x) => x.role === role);
  const word = r?.short ?? r?.label ?? role;
  // The star marks the leader where it fits; a long word leaves it to the leader's colour and border.
  return role === look.leaderRole && word.length <= 8 ? `★ ${word}` : word;
}

/** toneOf gives the colour family of `role` in `look`; `neutral` for a role the look does not list. */
export function toneOf(look: ProtocolLook, role: string): RoleTone {
  return look.roles.find((r) => r.role === role)?.tone ?? 'neutral';
}

/** roleClasses gives the CSS classes of `role`: `role-<role>` and `tone-<tone>`; the stylesheet colours by tone. */
export const roleClasses = (look: ProtocolLook, role: string): string => `role-${role} tone-${toneOf(look, role)}`;

/** behaviourTitle gives behaviour `id`'s menu title in `look`, or the id itself when unknown. */
export function behaviourTitle(look: ProtocolLook, id: string): string {
  return look.behaviours.find((b) => b.id === id)?.title ?? id;
}

/**
 * conditionWords gives a look's words for breakpoint conditions: `a new primary`, `a change of view`
 * (PBFT), and each record kind's title from the core's recordKinds (`a participant votes`).
 */
export const conditionWords = (look: ProtocolLook): ConditionWords => ({
  leader: look.leaderWord.replace(/^the /, ''),
  epoch: look.epoch ?? 'epoch',
  records: Object.fromEntries((look.core.recordKinds ?? []).map((r) => [r.kind, r.title])),
});
