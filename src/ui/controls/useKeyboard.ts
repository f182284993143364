/**
 * useKeyboard: the keyboard shortcuts of commands.ts (space plays/pauses, ← → step, `?` help, …),
 * except while typing in a field; space on a focused button presses the button instead. On the
 * timeline slider the arrows step events rather than nudge it by 1 ms.
 */
import { useEffect } from 'react';
import type { Controller } from '../controller/controller';
import { commandFor } from './commands';

/** Inputs that are not typed into (a slider, a checkbox): shortcuts still apply on them. */
const UNTYPED = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'reset']);

/** typing tells whether `t` takes keys itself (text fields, selects, editable content). */
function typing(t: HTMLElement | null): boolean {
  if (!t) return false;
  if (t.tagName === 'INPUT') return !UNTYPED.has((t as HTMLInputElement).type);
  return t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable;
}

export function useKeyboard(controller: Controller): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.altKey || e.ctrlKey || e.metaKey || typing(t)) return;
      // Space presses a focused button and ticks a focused checkbox (the link popover's "cut").
      if (e.key === ' ' && (t?.tagName === 'BUTTON' || (t instanceof HTMLInputElement && (t.type === 'checkbox' || t.type === 'radio')))) return;
      const cmd = commandFor(e);
      if (!cmd) return;
      e.preventDefault();
      cmd.perform(controller);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);
}
