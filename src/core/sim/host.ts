/**
 * Node hosting. A host owns one node's protocol state and its random stream, runs `step` and hands
 * back the effects. The same {@link LocalNode} runs in-thread (tests, CLI) and inside each Web
 * Worker or worker_thread, so a run is event-for-event identical wherever its nodes live.
 */
import type { AnyProtocol, ClientReply, Input, NodeDetail, StepEnv } from '../protocol';
import { Rng } from '../prng';
import type { ClientId, NodeId, NodeSummary, VirtualMs } from '../types';

/** Effect is one thing a step asked for, in the order asked; plain data so it crosses workers. */
export type Effect =
  | { k: 'send'; to: NodeId; msg: unknown }
  | { k: 'setTimer'; name: string; afterMs: number }
  | { k: 'clearTimer'; name: string }
  | { k: 'reply'; client: ClientId; requestId: number; reply: ClientReply }
  | { k: 'apply'; index: number; term: number; command: unknown }
  | { k: 'note'; text: string }
  | { k: 'record'; kind: string; fields: Record<string, unknown> };

/**
 * StepCall asks a node to take one input at virtual time `now`; `restart` first rebuilds it from
 * persistent state: from the state as it was at the crash, or, with `fromSynced` (a crash that lost
 * unsynced writes), from the persistent state as of the node's last sync ({@link StepEnv.sync}).
 */
export interface StepCall {
  node: NodeId;
  now: VirtualMs;
  input: Input<unknown>;
  restart?: true;
  fromSynced?: true;
}

/** StepResult is what one StepCall produced: effects in order, and the node's summary afterwards. */
export interface StepResult {
  effects: Effect[];
  summary: NodeSummary;
}

/** NodeBoot is everything needed to create a node, in any thread. */
export interface NodeBoot {
  protocol: string;
  id: NodeId;
  nodes: NodeId[];
  config: Record<string, unknown>;
  seed: number;
}

/** NodeSnapshot is a node's whole deterministic state, for checkpoints (structured-cloneable). */
export interface NodeSnapshot {
  state: unknown;
  rng: readonly number[];
  /** The persistent state as last synced, for protocols that sync explicitly; absent otherwise. */
  synced?: unknown;
}

/** LocalNode hosts one node in the current thread. */
export class LocalNode {
  readonly id: NodeId;
  private readonly protocol: AnyProtocol;
  private readonly boot: NodeBoot;
  private state: unknown;
  private rng: Rng;
  private effects: Effect[] = [];
  private now: VirtualMs = 0;
  private readonly env: StepEnv<unknown>;
  /**
   * The persistent state as of the last sync (what a power loss keeps), for a protocol that syncs
   * explicitly under its config (Protocol.syncsExplicitly); undefined for one that does not, whose
   * every step counts as synced.
   */
  private synced: unknown;
  private syncAsked = false;

  constructor(protocol: AnyProtocol, boot: NodeBoot) {
    this.protocol = protocol;
    this.boot = boot;
    this.id = boot.id;
    this.state = protocol.init(boot.id, boot.nodes, boot.config);
    this.rng = Rng.derive(boot.seed, `node:${boot.id}`);
    this.synced = protocol.syncsExplicitly?.(boot.config) ? protocol.persistent(this.state) : undefined;
    // One env object for the node's life: the step loop allocates only the effects themselves.
    const self = this;
    this.env = {
      get now() {
        return self.now;
      },
      get rng() {
        return self.rng;
      },
      send: (to, msg) => void self.effects.push({ k: 'send', to, msg }),
      setTimer: (name, afterMs) => void self.effects.push({ k: 'setTimer', name, afterMs }),
      clearTimer: (name) => void self.effects.push({ k: 'clearTimer', name }),
      reply: (client, requestId, reply) => void self.effects.push({ k: 'reply', client, requestId, reply }),
      applied: (index, term, command) => void self.effects.push({ k: 'apply', index, term, command }),
      note: (text) => void self.effects.push({ k: 'note', text }),
      record: (kind, fields) => void self.effects.push({ k: 'record', kind, fields }),
      sync: () => {
        self.syncAsked = true;
      },
    };
  }

  /** step runs one StepCall and returns its effects and the summary afterwards. */
  step(call: StepCall): StepResult {
    const p = this.protocol;
    if (call.restart) {
      const saved = call.fromSynced && this.synced !== undefined ? this.synced : p.persistent(this.state);
      this.state = p.recover(saved, this.boot.id, this.boot.nodes, this.boot.config);
      // A restarted node reads its disk back: what it recovered is on disk, synced.
      if (this.synced !== undefined) this.synced = p.persistent(this.state);
    }
    this.now = call.now;
    this.effects = [];
    this.syncAsked = false;
    p.step(this.state, call.input, this.env);
    if (this.syncAsked && this.synced !== undefined) {
      // The sync covers every write of this step, as etcd's Ready is saved whole before its messages go.
      this.synced = p.persistent(this.state);
    }
    return { effects: this.effects, summary: p.summary(this.state) };
  }

  /** summary gives the node's current summary without stepping it. */
  summary(): NodeSummary {
    return this.protocol.summary(this.state);
  }

  /** live is the node's protocol state itself, for in-thread monitors: read it, never change it. */
  live(): unknown {
    return this.state;
  }

  /** inspect gives the node panel's view of the node. */
  inspect(): NodeDetail {
    return this.protocol.inspect(this.state);
  }

  /**
   * snapshot copies the node's whole state (for checkpoints); restore puts one back, copying it
   * again so a snapshot can be restored many times. Copies share what the protocol never mutates
   * (Protocol.cloneState), else are deep (structuredClone).
   */
  snapshot(): NodeSnapshot {
    return { state: this.copy(this.state), rng: this.rng.state(), ...(this.synced !== undefined ? { synced: structuredClone(this.synced) } : {}) };
  }

  restore(s: NodeSnapshot): void {
    this.state = this.copy(s.state);
    this.rng = Rng.fromState(s.rng);
    this.synced = s.synced === undefined ? undefined : structuredClone(s.synced);
  }

  private copy(state: unknown): unknown {
    return this.protocol.cloneState ? this.protocol.cloneState(state) : structuredClone(state);
  }
}
