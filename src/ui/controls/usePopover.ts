/** usePopover: open/close state for a dropdown that closes on Escape and on a click outside `root`. */
import { useEffect, useRef, useState, type RefObject } from 'react';

export function usePopover<T extends HTMLElement>(): { open: boolean; setOpen: (open: boolean) => void; root: RefObject<T | null> } {
  const [open, setOpen] = useState(false);
  const root = useRef<T>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('pointerdown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return { open, setOpen, root };
}
