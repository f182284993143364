/**
 * useTimeWindow: the space-time diagram's visible time window. It follows the cursor by default
 * (cursor near the right edge, a fixed width) and zooming then changes the width; panning fixes the
 * window (zooms are then around the pointer) until {@link TimeWindowState.followCursor}.
 * Times are virtual ms.
 */
import { useCallback, useMemo, useState } from 'react';
import { clampWidth, clampWindow, followWindow, panWindow, zoomWindow, type TimeWindow, type WindowLimits } from './geometry';

/** DEFAULT_WIDTH_MS is the window width a diagram opens with (virtual ms). */
export const DEFAULT_WIDTH_MS = 2000;
/** MIN_WIDTH_MS is the narrowest window (virtual ms). */
export const MIN_WIDTH_MS = 20;

/** TimeWindowState is the window and what changes it. */
export interface TimeWindowState {
  window: TimeWindow;
  following: boolean;
  /** followCursor goes back to following the cursor (keeping the current width). */
  followCursor(): void;
  /**
   * zoom scales the width by `factor` (< 1 zooms in). While following, around the cursor (it keeps
   * following); otherwise around `anchor` (virtual ms; default: the window's centre).
   */
  zoom(factor: number, anchor?: number): void;
  /** pan shows `from` moved by `dt` virtual ms and stops following; `from` is the window a drag began with. */
  pan(from: TimeWindow, dt: number): void;
}

/** useTimeWindow keeps the window for cursor `cursorT` in a run that reached `horizon` (virtual ms). */
export function useTimeWindow(cursorT: number, horizon: number, initialWidth = DEFAULT_WIDTH_MS): TimeWindowState {
  const [following, setFollowing] = useState(true);
  const [width, setWidth] = useState(initialWidth);
  const [fixed, setFixed] = useState<TimeWindow>({ t0: 0, t1: initialWidth });
  const limits = useMemo<WindowLimits>(() => ({ horizon, minWidth: MIN_WIDTH_MS, minMax: DEFAULT_WIDTH_MS }), [horizon]);
  const window = following ? clampWindow(followWindow(cursorT, clampWidth(width, limits)), limits) : clampWindow(fixed, limits);

  const followCursor = useCallback(() => {
    setWidth(window.t1 - window.t0);
    setFollowing(true);
  }, [window.t0, window.t1]);

  const zoom = useCallback(
    (factor: number, anchor?: number) => {
      if (following) {
        // While following, the cursor is the anchor: only the width changes.
        setWidth(clampWidth((window.t1 - window.t0) * factor, limits));
        return;
      }
      const next = zoomWindow(window, anchor ?? (window.t0 + window.t1) / 2, factor, limits);
      setWidth(next.t1 - next.t0);
      setFixed(next);
    },
    [following, window, limits],
  );

  const pan = useCallback(
    (from: TimeWindow, dt: number) => {
      setFollowing(false);
      setFixed(panWindow(from, dt, limits));
    },
    [limits],
  );

  return { window, following, followCursor, zoom, pan };
}
