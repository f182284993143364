/**
 * Density: how much the canvas draws per node and per link as the cluster grows, so 100 nodes stay
 * legible and cheap to draw. The view zooms out to fit a large cluster, so a node's text would
 * shrink below reading size; instead a compact node shows its id and role only, and a dense one its
 * id only, in larger type (see topology.css, `[data-density]`). Links are xyflow edges, one React
 * element per pair (n(n − 1)/2 of them: 4,950 at 100 nodes), so beyond LINKS_DRAWN_MAX nodes they
 * are not drawn; the messages in flight still show who talks to whom. Pure functions.
 */

/** Density is how much a node shows: everything, its id and role, or its id. */
export type Density = 'full' | 'compact' | 'dense';

/** The largest cluster whose nodes show every line of text (the cluster the canvas drew before rings). */
export const FULL_MAX = 12;
/** The largest cluster whose nodes show their role under the id. */
export const COMPACT_MAX = 40;
/** The largest cluster whose links are drawn, one per pair of nodes (and clickable to cut or slow). */
export const LINKS_DRAWN_MAX = 12;

/** densityOf gives the density for a cluster of `n` nodes. */
export const densityOf = (n: number): Density => (n <= FULL_MAX ? 'full' : n <= COMPACT_MAX ? 'compact' : 'dense');

/** drawsLinks says whether a cluster of `n` nodes has its links drawn (one per pair). */
export const drawsLinks = (n: number): boolean => n <= LINKS_DRAWN_MAX;
