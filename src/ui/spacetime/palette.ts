/**
 * Colours of the space-time diagram, shared by the canvas and the SVG export. Message colours are
 * the topology glyphs' fills (topology/MessageGlyph.tsx), so a kind looks the same in both views.
 */
import type { MsgKind } from '../topology/messageKinds';
import { toneOf, type RoleTone } from '../topology/protocolLook';

/** KIND_COLOR gives the line colour of each message kind. */
export const KIND_COLOR: Readonly<Record<MsgKind, string>> = {
  rv: '#f59e0b',
  'rv-yes': '#15803d',
  'rv-no': '#dc2626',
  'ae-hb': '#60a5fa',
  'ae-data': '#1d4ed8',
  'aer-ok': '#14b8a6',
  'aer-no': '#fb7185',
  'pre-prepare': '#1d4ed8',
  prepare: '#a855f7',
  commit: '#0f766e',
  request: '#0891b2',
  reply: '#334155',
  checkpoint: '#db2777',
  'view-change': '#f59e0b',
  'new-view': '#ea580c',
  transfer: '#78716c',
  other: '#64748b',
};

/** KIND_ORDER lists the kinds (draw order: routine traffic first, so it lies underneath). */
export const KIND_ORDER: readonly MsgKind[] = [
  'ae-hb', 'aer-ok', 'other', 'ae-data', 'aer-no', 'rv', 'rv-no', 'rv-yes',
  'checkpoint', 'request', 'reply', 'prepare', 'commit', 'pre-prepare', 'transfer', 'view-change', 'new-view',
];

const TONE_COLOR: Readonly<Record<RoleTone, string>> = {
  leader: '#15803d',
  candidate: '#f59e0b',
  crashed: '#7f1d1d',
  follower: '#94a3b8',
};

/**
 * roleColor gives the dot colour of a role in any protocol (app.css's --follower/--candidate/
 * --leader/--crashed, by the role's tone in its protocol look: PBFT's primary is the leader's green).
 */
export function roleColor(role: string): string {
  const tone = toneOf(role);
  return tone ? TONE_COLOR[tone] : '#6d28d9';
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
