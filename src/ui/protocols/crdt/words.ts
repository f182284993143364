/**
 * Words for the CRDT panel: a payload in a line a student can read (a counter's vector, a set's
 * elements with their tags, a register's value and timestamp), and a vector clock.
 */
import type { Payload, VClock } from '../../../core/protocols/crdt';

/** TagView is one OR-Set tag: its element, and whether a remove has killed it. */
export interface TagView {
  tag: string;
  elem: string;
  removed: boolean;
}

/** vectorWords gives `n1 3 · n2 1` (`—` for none). */
export const vectorWords = (v: Readonly<Record<string, number>>): string => {
  const parts = Object.entries(v).filter(([, x]) => x > 0).map(([id, x]) => `${id} ${x}`);
  return parts.length ? parts.join(' · ') : '—';
};

/** clockWords gives a vector clock as `[n1:2 n3:1]`. */
export const clockWords = (c: VClock): string => `[${Object.entries(c).map(([id, x]) => `${id}:${x}`).join(' ')}]`;

/** tagsOf lists a set's tags, live ones first, each with its element. */
export function tagsOf(x: Payload): TagView[] {
  if (x.type === 'op-or-set') return Object.entries(x.adds).map(([tag, elem]) => ({ tag, elem, removed: false }));
  if (x.type !== 'or-set') return [];
  const all = Object.entries(x.adds).map(([tag, elem]) => ({ tag, elem, removed: tag in x.removed }));
  return [...all.filter((t) => !t.removed), ...all.filter((t) => t.removed)];
}

/** payloadWords gives a payload in one line: `P n1 3 · n2 1 / N n2 1`, `x(n1.1) y(n2.1)`, `"B" @ 1501 n3`. */
export function payloadWords(x: Payload): string {
  switch (x.type) {
    case 'g-counter':
      return `P ${vectorWords(x.p)}`;
    case 'pn-counter':
      return `P ${vectorWords(x.p)} / N ${vectorWords(x.n)}`;
    case 'or-set':
    case 'op-or-set': {
      const tags = tagsOf(x);
      return tags.length ? tags.map((t) => `${t.removed ? '✗' : ''}${t.elem}(${t.tag})`).join(' ') : '∅';
    }
    case 'lww-register':
      return x.ts ? `"${x.value}" @ ${x.ts[0]} ${x.ts[1]}` : '(unset)';
  }
}

/** opsOfType lists the ops a type serves, in the form's order (read last); every op for an unknown type. */
export function opsOfType(type: string): string[] {
  switch (type) {
    case 'g-counter':
      return ['inc', 'read'];
    case 'pn-counter':
      return ['inc', 'dec', 'read'];
    case 'or-set':
    case 'op-or-set':
      return ['add', 'remove', 'read'];
    case 'lww-register':
      return ['set', 'read'];
    default:
      return ['inc', 'dec', 'add', 'remove', 'set', 'read'];
  }
}

/**
 * opFor builds op `f` from the form's one field: the amount for inc and dec, the element for add
 * and remove, the value for set.
 * @throws Error in the user's words if an amount is not a whole number from 1 to 1000.
 */
export function opFor(f: string, arg: string): { f: string; [k: string]: unknown } {
  if (f === 'inc' || f === 'dec') {
    const by = Number(arg);
    if (!Number.isInteger(by) || by < 1 || by > 1000) throw new Error(`${f} takes a whole number from 1 to 1000 (got ${arg})`);
    return { f, by };
  }
  if (f === 'add' || f === 'remove') return { f, elem: arg };
  if (f === 'set') return { f, value: arg };
  return { f };
}
