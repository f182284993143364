/**
 * Colours of the space-time diagram, shared by the canvas and the SVG export. Message colours are
 * the look's (each kind's `color`, its glyph's main fill), so a kind looks the same in both views.
 */
import type { ProtocolLook, RoleTone } from '../protocols/types';
import { toneOf } from '../protocols/words';

/** TONE_COLOR gives each role tone's dot colour (app.css's --leader, --candidate, …). */
const TONE_COLOR: Readonly<Record<RoleTone, string>> = {
  leader: '#15803d',
  candidate: '#f59e0b',
  crashed: '#7f1d1d',
  follower: '#94a3b8',
  byzantine: '#dc2626',
  blocked: '#9333ea',
  informed: '#0284c7',
  idle: '#cbd5e1',
  neutral: '#64748b',
};

/**
 * roleColor gives the dot colour of `role` in `look`, by the role's tone (PBFT's primary is the
 * leader's green); a role the look does not list is neutral.
 */
export function roleColor(look: ProtocolLook, role: string): string {
  return TONE_COLOR[toneOf(look, role)];
}

/** Ink, muted text, lane lines, accent (app.css's --ink, --muted, --line, --accent). */
export const INK = '#0f172a';
export const MUTED = '#475569';
export const LINE = '#cbd5e1';
export const ACCENT = '#1d4ed8';
/** Drops and crashes (--danger), timer firings, faults, restarts. */
export const DANGER = '#dc2626';
export const TIMER = '#b45309';
export const FAULT = '#7c3aed';
export const RESTART = '#15803d';
/** CRASHED_FILL greys a lane while its node is down, under diagonal CRASHED_HATCH lines HATCH_GAP CSS px apart. */
export const CRASHED_FILL = 'rgba(100, 116, 139, 0.30)';
export const CRASHED_HATCH = 'rgba(51, 65, 85, 0.55)';
/** PAUSE_FILL shades a lane while its node is paused (timeline `pause`), edged in PAUSE_EDGE: the canvas's violet. */
export const PAUSE_FILL = 'rgba(109, 40, 217, 0.28)';
export const PAUSE_EDGE = '#6d28d9';
export const HATCH_GAP = 7;
/** FUTURE_ALPHA is the opacity of what happens after the cursor (the run's future). */
export const FUTURE_ALPHA = 0.2;
/** DIM_ALPHA multiplies the opacity of arrows not touching the hovered node. */
export const DIM_ALPHA = 0.25;
/** TERM_ALPHA is the opacity of the term shading behind lanes. */
export const TERM_ALPHA = 0.13;
/** FONT is the canvas/SVG font family. */
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** shortType abbreviates a message type by its capitals: `AppendEntriesReply` → `AER`. */
export function shortType(type: string): string {
  const caps = type.replace(/[^A-Z]/g, '');
  return caps.length >= 2 ? caps : type.slice(0, 4);
}
