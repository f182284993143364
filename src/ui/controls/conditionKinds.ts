/**
 * conditionKindsOf: the breakpoint conditions a protocol can state, for the breakpoint and "step to
 * next" menus, labelled in its words. Pure; the menus call it with the running protocol's look.
 */
import { conditionText, type Condition, type ConditionKind } from '../../core/travel/conditions';
import type { ProtocolLook } from '../protocols/types';
import { conditionWords } from '../protocols/words';

/** ConditionChoice is one menu entry: a condition kind and its label. */
export interface ConditionChoice {
  kind: ConditionKind;
  label: string;
}

const KINDS: readonly ConditionChoice[] = [
  { kind: 'leader', label: 'a new leader' },
  { kind: 'term', label: 'a change of term' },
  { kind: 'commit', label: 'a commit' },
  { kind: 'candidates', label: 'two candidates at once' },
  { kind: 'enter-role', label: 'a node enters a role' },
  { kind: 'role', label: 'a node changes role' },
  { kind: 'deliver', label: 'a message delivered to a node' },
  { kind: 'timer', label: 'a timer fires' },
  { kind: 'record', label: 'a protocol record' },
];

/** hasKind tells whether `look`'s protocol can state condition `kind`. */
function hasKind(look: ProtocolLook, kind: ConditionKind): boolean {
  switch (kind) {
    case 'leader':
      return look.leaderRole !== null;
    case 'term':
      return look.epoch !== null;
    case 'commit':
      return look.hasLog;
    case 'candidates':
      return look.roles.some((r) => r.role === 'candidate');
    case 'record':
      return (look.core.recordKinds ?? []).length > 0;
    default:
      return true;
  }
}

const cache = new WeakMap<ProtocolLook, readonly ConditionChoice[]>();

/**
 * conditionKindsOf lists the kinds `look`'s protocol can state: a new leader only with a leader
 * role, a change of epoch only with an epoch, a commit only with a replicated log, two candidates only with a candidate role, a protocol
 * record only with record kinds. Leader and epoch are worded as the protocol says them (`a new
 * primary`, `a change of view`). The same array for the same look.
 */
export function conditionKindsOf(look: ProtocolLook): readonly ConditionChoice[] {
  let out = cache.get(look);
  if (!out) {
    const words = conditionWords(look);
    out = KINDS.filter((k) => hasKind(look, k.kind)).map((k) =>
      k.kind === 'leader' || k.kind === 'term' ? { kind: k.kind, label: conditionText({ kind: k.kind } as Condition, words) } : k,
    );
    cache.set(look, out);
  }
  return out;
}
