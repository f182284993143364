/**
 * useKeyboard: the keyboard shortcuts of commands.ts (space plays/pauses, ← → step, `?` help, …),
 * except while typing in a field; space on a focused button presses the button instead.
 */
import { useEffect } from 'react';
import type { Controller } from '../controller/controller';
import { commandFor } from './commands';

/** Fields that use these keys themselves. */
const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export function useKeyboard(controller: Controller): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.altKey || e.ctrlKey || e.metaKey || (t && (TYPING.has(t.tagName) || t.isContentEditable))) return;
      if (e.key === ' ' && t?.tagName === 'BUTTON') return;
      const cmd = commandFor(e);
      if (!cmd) return;
      e.preventDefault();
      cmd.perform(controller);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);
}
