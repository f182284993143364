/**
 * useNarrow says whether the page is laid out for a phone or tablet (narrower than 1024 px, the
 * breakpoint of layout.css): there the side panel's sections become tabs under the canvas.
 */
import { useSyncExternalStore } from 'react';

/** NARROW_QUERY is layout.css's breakpoint; keep the two in step. */
export const NARROW_QUERY = '(max-width: 1023px)';

const query = () => window.matchMedia(NARROW_QUERY);

function subscribe(onChange: () => void): () => void {
  const q = query();
  q.addEventListener('change', onChange);
  return () => q.removeEventListener('change', onChange);
}

export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, () => query().matches, () => false);
}
