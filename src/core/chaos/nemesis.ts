/**
 * The nemesis: faults from a seeded schedule, written as ordinary timeline actions. Because its
 * output is a timeline, a chaos run is a scenario like any other: it replays exactly, fits a share
 * link, and the fuzzer can shrink it by deleting actions. After Jepsen's nemeses (crash, partition
 * halves, isolate the leader, bridge, one-way cuts, clock skew) and its "faults, then heal" shape.
 */
import { Rng } from '../prng';
import type { NetworkConfig, NodeRef, TimelineAction } from '../scenario/types';
import type { NodeId, VirtualMs } from '../types';

/** NemesisKind is one kind of fault the nemesis may inject. */
export type NemesisKind =
  /** Crash a node (the leader one time in three), restart it when the fault ends. */
  | 'crash'
  /** Crash a node and restart it almost at once (20–300 ms), as a process supervisor would. */
  | 'bounce'
  /**
   * A contested election: two nodes time out together, so both stand in the same term, and half
   * the time a third node is bounced (crashed and restarted) while the votes are out.
   */
  | 'election'
  /** Split the cluster into two random halves. */
  | 'partition'
  /** Cut the leader off from everyone. */
  | 'isolate-leader'
  /** Two sides that reach each other only through one bridge node (Jepsen's "bridge"). */
  | 'bridge'
  /** Cut one direction of one link. */
  | 'one-way'
  /** Lose messages on some links. */
  | 'loss'
  /** Deliver messages twice on some links. */
  | 'duplicate'
  /** Widen the latency range on some links, so messages overtake each other. */
  | 'reorder'
  /** Make some links very slow for a while. */
  | 'latency-spike'
  /** Make a node's clock run fast or slow. */
  | 'skew'
  /**
   * A power loss: crash nodes losing their unsynced writes (timeline `crash` with `loseUnsynced`),
   * half the time every node up at once (the whole rack), else one; restart them when it ends.
   * Only protocols that sync explicitly (Protocol.syncsExplicitly) lose anything; it is not among
   * the default kinds, so a protocol's chaos lists it to draw it.
   */
  | 'power-loss'
  /**
   * Pause a node (the leader one time in three, as `crash` aims), timeline `pause`: a GC pause or
   * a stopped VM, for `pauseMs`. It ends by itself. Not among the default kinds (like
   * `power-loss`), so a protocol's chaos lists it to draw it.
   */
  | 'pause';

/** NEMESIS_KINDS lists every kind, in the order the UI shows them. */
export const NEMESIS_KINDS: readonly NemesisKind[] = ['crash', 'bounce', 'election', 'partition', 'isolate-leader', 'bridge', 'one-way', 'loss', 'duplicate', 'reorder', 'latency-spike', 'skew', 'power-loss', 'pause'];

/** NemesisOptions are the nemesis's knobs. Times are virtual ms. */
export interface NemesisOptions {
  /** Faults begin after this. */
  startMs: VirtualMs;
  /** No fault begins at or after this; at this moment every fault still active is undone. */
  endMs: VirtualMs;
  /** Mean number of faults begun per virtual second (> 0). */
  ratePerSecond: number;
  /** Each fault lasts a duration drawn uniformly from this range (virtual ms), unless `endMs` comes first. */
  durationMs: [number, number];
  /** The kinds to draw from, uniformly; must not be empty. */
  kinds: readonly NemesisKind[];
  /**
   * The node `crash` aims at one time in three and `isolate-leader` isolates: `leader` (default),
   * a `role:R` ref (NodeRef, e.g. `role:coordinator`), or null for a leader-free protocol (crash and
   * isolation then pick plain nodes).
   */
  target?: NodeRef | null;
  /** A `pause` lasts a duration drawn uniformly from this range (virtual ms); default `durationMs`. */
  pauseMs?: [number, number];
}

/**
 * NEMESIS_DEFAULTS: one fault per second on average, each lasting 0.5–3 s, of every kind but
 * `power-loss` (which only protocols that sync explicitly list) and `pause` (which protocols opt
 * into), so other protocols' seeds draw the same schedules as before those existed.
 */
export const NEMESIS_DEFAULTS: Omit<NemesisOptions, 'startMs' | 'endMs'> = {
  ratePerSecond: 1,
  durationMs: [500, 3000],
  kinds: NEMESIS_KINDS.filter((k) => k !== 'power-loss' && k !== 'pause'),
};

type Action = TimelineAction;
type Undo = () => Action[];

/**
 * nemesisTimeline draws a fault schedule for cluster `nodes` from `seed` (its own stream, named
 * `nemesis`): a list of timeline actions sorted by `at`, each fault followed by the actions that
 * undo it, and at `endMs` a full repair: heal, every touched link back to `network`, every crashed
 * node restarted, every clock back to rate 1.
 * @throws Error if `kinds` is empty, the rate is not positive, or the times are out of order.
 */
export function nemesisTimeline(seed: number, nodes: readonly NodeId[], network: NetworkConfig, opts: NemesisOptions): TimelineAction[] {
  if (opts.kinds.length === 0) throw new Error('nemesis: kinds must name at least one kind of fault');
  if (!(opts.ratePerSecond > 0)) throw new Error('nemesis: ratePerSecond must be positive');
  if (!(opts.startMs <= opts.endMs)) throw new Error('nemesis: startMs must not be after endMs');
  if (!(opts.durationMs[0] >= 1 && opts.durationMs[0] <= opts.durationMs[1])) throw new Error('nemesis: durationMs must be [min, max] with 1 ≤ min ≤ max');
  const rng = Rng.derive(seed, 'nemesis');
  const lead = opts.target === undefined ? 'leader' : opts.target;
  const out: Action[] = [];
  const touchedLinks = new Set<string>();
  const crashed = new Set<NodeId>();
  const skewed = new Set<NodeId>();
  const meanGap = 1000 / opts.ratePerSecond;
  const restore = (from: NodeId, to: NodeId, at: VirtualMs): Action => ({ at, action: 'link', from, to, latencyMs: [...network.latencyMs], loss: network.loss, duplicate: network.duplicate, cut: false });

  for (let at = opts.startMs + rng.int(0, Math.ceil(meanGap)); at < opts.endMs; at += Math.max(1, Math.round(meanGap * (0.5 + rng.float())))) {
    const kind = rng.pick(opts.kinds);
    const end = Math.min(opts.endMs, at + rng.int(opts.durationMs[0], opts.durationMs[1]));
    const linkFault = (apply: (from: NodeId, to: NodeId) => Omit<Extract<Action, { action: 'link' }>, 'at' | 'action' | 'from' | 'to'>): Undo => {
      const pairs = randomLinks(rng, nodes);
      for (const [from, to] of pairs) {
        touchedLinks.add(`${from}>${to}`);
        out.push({ at, action: 'link', from, to, ...apply(from, to) });
      }
      return () => pairs.map(([from, to]) => restore(from, to, end));
    };
    let undo: Undo;
    switch (kind) {
      case 'crash': {
        const alive = nodes.filter((id) => !crashed.has(id));
        if (alive.length === 0) continue;
        const aimed = rng.chance(1 / 3) && lead !== null;
        const target: NodeRef = aimed ? lead : rng.pick(alive);
        if (aimed) {
          out.push({ at, action: 'crash', node: target });
          // Which node that is depends on the run; restart every crashed node when the fault ends.
          undo = () => [{ at: end, action: 'restart' }];
        } else {
          crashed.add(target);
          out.push({ at, action: 'crash', node: target });
          undo = () => {
            crashed.delete(target);
            return [{ at: end, action: 'restart', node: target }];
          };
        }
        break;
      }
      case 'bounce': {
        const alive = nodes.filter((id) => !crashed.has(id));
        if (alive.length === 0) continue;
        const target = rng.pick(alive);
        const back = Math.min(opts.endMs, at + rng.int(20, 300));
        out.push({ at, action: 'crash', node: target });
        undo = () => [{ at: back, action: 'restart', node: target }];
        break;
      }
      case 'election': {
        const [a, b, c] = shuffle(rng, nodes);
        out.push({ at, action: 'timeout', node: a! });
        if (b !== undefined) out.push({ at: at + rng.int(0, 5), action: 'timeout', node: b });
        const bounced: Action[] = [];
        if (c !== undefined && !crashed.has(c) && rng.chance(0.5)) {
          // Down between the first vote request's arrival and the second's: a few ms.
          const down = at + rng.int(network.latencyMs[0], network.latencyMs[1]);
          out.push({ at: down, action: 'crash', node: c });
          bounced.push({ at: Math.min(opts.endMs, down + rng.int(1, 15)), action: 'restart', node: c });
        }
        undo = () => bounced;
        break;
      }
      case 'partition': {
        const shuffled = shuffle(rng, nodes);
        const cut = rng.int(1, Math.max(1, nodes.length - 1));
        out.push({ at, action: 'partition', groups: [shuffled.slice(0, cut), shuffled.slice(cut)] });
        undo = () => [{ at: end, action: 'heal' }];
        break;
      }
      case 'isolate-leader':
        out.push({ at, action: 'isolate', node: lead ?? rng.pick(nodes) });
        undo = () => [{ at: end, action: 'heal' }];
        break;
      case 'bridge': {
        if (nodes.length < 3) continue;
        // The first node of the shuffle is the bridge: no link of its own is cut.
        const [, ...rest] = shuffle(rng, nodes);
        const half = Math.ceil(rest.length / 2);
        const a = rest.slice(0, half);
        const b = rest.slice(half);
        for (const x of a) for (const y of b) out.push({ at, action: 'link', from: x, to: y, cut: true }, { at, action: 'link', from: y, to: x, cut: true });
        undo = () => [{ at: end, action: 'heal' }];
        break;
      }
      case 'one-way': {
        if (nodes.length < 2) continue;
        const from = rng.pick(nodes);
        const to = rng.pick(nodes.filter((x) => x !== from));
        out.push({ at, action: 'link', from, to, cut: true });
        undo = () => [{ at: end, action: 'heal' }];
        break;
      }
      case 'loss':
        undo = linkFault(() => ({ loss: round2(0.2 + 0.6 * rng.float()) }));
        break;
      case 'duplicate':
        undo = linkFault(() => ({ duplicate: round2(0.2 + 0.6 * rng.float()) }));
        break;
      case 'reorder':
        undo = linkFault(() => ({ latencyMs: [Math.max(1, Math.floor(network.latencyMs[0] / 2)), network.latencyMs[1] * 8 + 50] }));
        break;
      case 'latency-spike':
        undo = linkFault(() => {
          const slow = rng.int(200, 1000);
          return { latencyMs: [slow, slow + network.latencyMs[1]] };
        });
        break;
      case 'skew': {
        const node = rng.pick(nodes);
        const rate = rng.pick([0.25, 0.5, 2, 3, 4]);
        skewed.add(node);
        out.push({ at, action: 'skew', node, rate });
        undo = () => [{ at: end, action: 'skew', node, rate: 1 }];
        break;
      }
      case 'power-loss': {
        const alive = nodes.filter((id) => !crashed.has(id));
        if (alive.length === 0) continue;
        const hit = rng.chance(0.5) ? alive : [rng.pick(alive)];
        for (const id of hit) {
          crashed.add(id);
          out.push({ at, action: 'crash', node: id, loseUnsynced: true });
        }
        undo = () => {
          for (const id of hit) crashed.delete(id);
          return hit.map((id): Action => ({ at: end, action: 'restart', node: id }));
        };
        break;
      }
      case 'pause': {
        const aimed = rng.chance(1 / 3) && lead !== null;
        const alive = nodes.filter((id) => !crashed.has(id));
        if (!aimed && alive.length === 0) continue;
        const [lo, hi] = opts.pauseMs ?? opts.durationMs;
        out.push({ at, action: 'pause', node: aimed ? lead : rng.pick(alive), ms: rng.int(lo, hi) });
        undo = () => [];
        break;
      }
      default: {
        const never: never = kind;
        throw new Error(`nemesis: unknown kind ${String(never)}`);
      }
    }
    out.push(...undo());
  }
  // The repair at endMs: whatever is still broken is mended, so liveness can be checked after it.
  out.push({ at: opts.endMs, action: 'heal' }, { at: opts.endMs, action: 'restart' });
  for (const key of [...touchedLinks].sort()) {
    const [from, to] = key.split('>') as [NodeId, NodeId];
    out.push(restore(from, to, opts.endMs));
  }
  for (const node of [...skewed].sort()) out.push({ at: opts.endMs, action: 'skew', node, rate: 1 });
  return stableSortByAt(out);
}

function randomLinks(rng: Rng, nodes: readonly NodeId[]): [NodeId, NodeId][] {
  const pairs: [NodeId, NodeId][] = [];
  const count = rng.int(1, Math.max(1, nodes.length));
  for (let i = 0; i < count && nodes.length > 1; i++) {
    const from = rng.pick(nodes);
    const to = rng.pick(nodes.filter((x) => x !== from));
    if (!pairs.some(([f, t]) => f === from && t === to)) pairs.push([from, to]);
  }
  return pairs;
}

function shuffle<T>(rng: Rng, xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** stableSortByAt sorts by `at`, keeping the order of equal times (a fault's undo after its start). */
function stableSortByAt(actions: Action[]): Action[] {
  return actions.map((a, i) => [a, i] as const).sort((x, y) => x[0].at - y[0].at || x[1] - y[1]).map(([a]) => a);
}
