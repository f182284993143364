/** Tooltip text for the space-time diagram's arrows and marks (canvas tooltip and SVG <title>). */
import { format } from 'd3';
import type { LaneMark, MessageArrow } from './model';

const fmt = format(',');

/** ms formats virtual ms, e.g. `1,234 ms`. */
export function ms(t: number): string {
  return `${fmt(Math.round(t * 1000) / 1000)} ms`;
}

/** messageTip gives a message's tooltip: its label, route, and times with its fate. */
export function messageTip(m: MessageArrow): string[] {
  let fate: string;
  if (m.fate === 'delivered') fate = `delivered ${ms(m.endT!)} (after ${ms(m.endT! - m.sendT)})`;
  else if (m.fate === 'dropped') fate = `dropped ${ms(m.endT!)}: ${m.dropReason ?? 'unknown reason'}`;
  else if (m.held) fate = 'held on the bus (manual delivery)';
  else fate = m.deliverAt !== undefined ? `in flight, due ${ms(m.deliverAt)}` : 'in flight';
  return [m.label, `${m.from} → ${m.to}${m.dup ? '  (duplicate copy)' : ''}`, `sent ${ms(m.sendT)} · ${fate}`];
}

/** markTip gives a lane mark's tooltip. */
export function markTip(m: LaneMark): string[] {
  return [m.text, ms(m.t)];
}
