/**
 * termColor gives each term a colour, the same everywhere (log cells, votes grid): a palette of
 * strong, distinguishable colours with a text colour that reads on each.
 */
const PALETTE: readonly [string, string][] = [
  ['#2563eb', '#fff'], // blue
  ['#d97706', '#000'], // amber
  ['#7c3aed', '#fff'], // violet
  ['#059669', '#fff'], // emerald
  ['#db2777', '#fff'], // pink
  ['#0891b2', '#fff'], // cyan
  ['#65a30d', '#000'], // lime
  ['#9333ea', '#fff'], // purple
  ['#ea580c', '#000'], // orange
  ['#475569', '#fff'], // slate
];

/** termColor gives [background, text] for term `t` (terms start at 1). */
export function termColor(t: number): [string, string] {
  return PALETTE[(((t - 1) % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
}
