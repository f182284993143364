/**
 * The bus: a directed link between every pair of nodes, each with a latency range, loss and
 * duplication probabilities and a cut switch, plus a partition into groups. It decides each
 * message's fate from the bus's own random stream; it never holds messages (the queue does).
 */
import type { Rng } from '../prng';
import type { LatencyRange, NetworkConfig } from '../scenario/types';
import type { DropReason } from '../trace';
import type { NodeId } from '../types';

/** LinkState is one directed link's settings. */
export interface LinkState {
  /** One-way delay range, virtual ms, both ends included. */
  latencyMs: LatencyRange;
  /** Probability (0–1) that a copy is lost. */
  loss: number;
  /** Probability (0–1) that a message is sent twice. */
  duplicate: number;
  /** A cut link drops everything. */
  cut: boolean;
}


/** BusSnapshot is a Bus's mutable state: every directed link (row-major by node order) and the groups. */
export interface BusSnapshot {
  links: LinkState[];
  group: number[];
}

/** Bus holds link settings and the partition for nodes `ids`. */
export class Bus {
  readonly ids: readonly NodeId[];
  private readonly index = new Map<NodeId, number>();
  private readonly links: LinkState[];
  /** group[i] is node i's partition group; all 0 when healed. */
  private group: number[];
  /** Cached least latency of any link; recomputed when a link changes. */
  private minLatency: number;

  constructor(ids: readonly NodeId[], defaults: NetworkConfig) {
    this.ids = ids;
    ids.forEach((id, i) => this.index.set(id, i));
    this.links = [];
    for (let i = 0; i < ids.length * ids.length; i++) {
      this.links.push({ latencyMs: [defaults.latencyMs[0], defaults.latencyMs[1]], loss: defaults.loss, duplicate: defaults.duplicate, cut: false });
    }
    this.group = ids.map(() => 0);
    this.minLatency = defaults.latencyMs[0];
  }

  private idx(id: NodeId): number {
    const i = this.index.get(id);
    if (i === undefined) throw new Error(`bus: unknown node ${id}`);
    return i;
  }

  /** link gives the settings of the directed link from → to (a live object: do not mutate). */
  link(from: NodeId, to: NodeId): Readonly<LinkState> {
    return this.links[this.idx(from) * this.ids.length + this.idx(to)]!;
  }

  /** setLink changes some settings of from → to; omitted fields keep their value. */
  setLink(from: NodeId, to: NodeId, change: Partial<LinkState>): void {
    const l = this.links[this.idx(from) * this.ids.length + this.idx(to)]!;
    if (change.latencyMs) l.latencyMs = [change.latencyMs[0], change.latencyMs[1]];
    if (change.loss !== undefined) l.loss = change.loss;
    if (change.duplicate !== undefined) l.duplicate = change.duplicate;
    if (change.cut !== undefined) l.cut = change.cut;
    this.minLatency = Infinity;
    for (const x of this.links) this.minLatency = Math.min(this.minLatency, x.latencyMs[0]);
  }

  /**
   * partition splits the nodes into `groups`; nodes in no group form one more group together.
   * Messages between groups are dropped, both those sent later and those already in flight.
   */
  partition(groups: readonly (readonly NodeId[])[]): void {
    const g = this.ids.map(() => 0);
    groups.forEach((members, k) => members.forEach((id) => (g[this.idx(id)] = k + 1)));
    this.group = g;
  }

  /** isolate moves `id` into a group of its own, keeping the rest of the partition. */
  isolate(id: NodeId): void {
    this.group[this.idx(id)] = Math.max(...this.group) + 1;
  }

  /** snapshot copies the link settings and the partition (for checkpoints). */
  snapshot(): BusSnapshot {
    return { links: this.links.map((l) => ({ ...l, latencyMs: [l.latencyMs[0], l.latencyMs[1]] })), group: [...this.group] };
  }

  /** restore puts back a {@link snapshot} of this bus. */
  restore(s: BusSnapshot): void {
    this.links.forEach((l, i) => Object.assign(l, s.links[i]!, { latencyMs: [...s.links[i]!.latencyMs] }));
    this.group = [...s.group];
    this.minLatency = Infinity;
    for (const x of this.links) this.minLatency = Math.min(this.minLatency, x.latencyMs[0]);
  }

  /** heal removes the partition and every cut; latency, loss and duplication stay as set. */
  heal(): void {
    this.group = this.ids.map(() => 0);
    for (const l of this.links) l.cut = false;
  }

  /** groups gives the current partition as lists of ids (one list when healed). */
  groups(): NodeId[][] {
    const byGroup = new Map<number, NodeId[]>();
    this.ids.forEach((id, i) => {
      const g = this.group[i]!;
      if (!byGroup.has(g)) byGroup.set(g, []);
      byGroup.get(g)!.push(id);
    });
    return [...byGroup.values()];
  }

  /** blocked says why from → to cannot carry a message now, or null if it can. */
  blocked(from: NodeId, to: NodeId): DropReason | null {
    return this.blockedAt(this.idx(from), this.idx(to));
  }

  private blockedAt(i: number, j: number): DropReason | null {
    if (this.group[i] !== this.group[j]) return 'partition';
    if (this.links[i * this.ids.length + j]!.cut) return 'cut';
    return null;
  }

  /** Set by {@link fate}: why the message was dropped (when it returned -1). */
  dropReason: DropReason = 'loss';
  /** Set by {@link fate}: the second copy's delay when the message is duplicated, else -1. */
  dupDelay = -1;

  /**
   * fate decides a send from → to, drawing from `rng`: the first copy's delay (virtual ms), or -1
   * if the message is dropped (then {@link dropReason} says why). {@link dupDelay} is the second
   * copy's delay, or -1. Numbers rather than an object: this runs for every message.
   */
  fate(from: NodeId, to: NodeId, rng: Rng): number {
    const i = this.idx(from);
    const j = this.idx(to);
    this.dupDelay = -1;
    const reason = this.blockedAt(i, j);
    if (reason) {
      this.dropReason = reason;
      return -1;
    }
    const l = this.links[i * this.ids.length + j]!;
    if (rng.chance(l.loss)) {
      this.dropReason = 'loss';
      return -1;
    }
    const first = rng.int(l.latencyMs[0], l.latencyMs[1]);
    if (rng.chance(l.duplicate)) this.dupDelay = rng.int(l.latencyMs[0], l.latencyMs[1]);
    return first;
  }

  /** minLatencyMs is the smallest delay any link can give now (virtual ms). */
  minLatencyMs(): number {
    return this.minLatency;
  }
}
