/** useKeyboard: space plays/pauses, → steps one event (not while typing in a field or on a button). */
import { useEffect } from 'react';
import type { Controller } from '../controller/controller';

/** Fields that use these keys themselves; space also activates a focused button. */
const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export function useKeyboard(controller: Controller): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.altKey || e.ctrlKey || e.metaKey || (t && (TYPING.has(t.tagName) || t.isContentEditable))) return;
      if (e.key === ' ' && t?.tagName !== 'BUTTON') {
        e.preventDefault();
        controller.togglePlay();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        void controller.step();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);
}
