/**
 * useMenuFocus gives a popup (menu or dialog) keyboard focus while it is open: its first enabled
 * control takes focus when it opens, ↑ ↓ Home End move between the menu items (`itemSelector`),
 * Escape closes, and on close focus goes back to what had it before (the node or link it was
 * opened from), so a keyboard user carries on from there.
 */
import { useEffect, useRef, type RefObject } from 'react';

const NAV_KEYS = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End']);
const FIRST = '[role^="menuitem"]:not(:disabled), input:not(:disabled), select:not(:disabled)';

export function useMenuFocus(
  open: boolean,
  box: RefObject<HTMLElement | null>,
  close: () => void,
  itemSelector = 'button:not(:disabled), input:not(:disabled), select:not(:disabled)',
): void {
  const opener = useRef<HTMLElement | SVGElement | null>(null);
  useEffect(() => {
    if (!open) return;
    const prev = document.activeElement;
    // A link is an SVG element, a node an HTML one.
    opener.current = (prev instanceof HTMLElement || prev instanceof SVGElement) && prev !== document.body ? prev : null;
    // The first menu item or field, not the popover's close button.
    const first = () => box.current?.querySelector<HTMLElement>(FIRST) ?? box.current?.querySelector<HTMLElement>(itemSelector);
    const raf = requestAnimationFrame(() => first()?.focus({ preventScroll: true }));
    const onKey = (e: KeyboardEvent) => {
      const el = box.current;
      if (!el) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        close();
        return;
      }
      if (!NAV_KEYS.has(e.key) || !el.contains(document.activeElement)) return;
      const items = [...el.querySelectorAll<HTMLElement>(itemSelector)].filter((x) => x.getAttribute('role')?.startsWith('menuitem'));
      if (!items.length) return;
      e.preventDefault();
      const at = items.indexOf(document.activeElement as HTMLElement);
      const next = e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : (at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items[next]!.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      cancelAnimationFrame(raf);
      window.removeEventListener('keydown', onKey);
      // Back to the opener, unless the user has moved on elsewhere (clicked another control).
      const back = opener.current;
      const active = document.activeElement;
      if (back?.isConnected && (!active || active === document.body || box.current?.contains(active) || active === back)) back.focus({ preventScroll: true });
    };
  }, [open, box, close, itemSelector]);
}
