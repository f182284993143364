/**
 * Conditions: what a breakpoint waits for and what "step to the next …" looks for, stated over
 * the trace every protocol emits (state, deliver, timer and record records), so that they work for
 * any protocol behind the Protocol interface, not only Raft: a role any node enters (from
 * Protocol.roles), a message type delivered (Protocol.messageTypes), a protocol record
 * (Protocol.recordKinds). The leader condition never holds for a leader-free protocol.
 */
import { leaderRoleOf, type AnyProtocol } from '../protocol';
import type { TraceRecord } from '../trace';
import type { NodeId, Role } from '../types';

/** Condition is one thing to stop at. */
export type Condition =
  /** A node becomes the leader (Raft: leader; a protocol may name its leading role otherwise). */
  | { kind: 'leader' }
  /** Some node's term (Raft currentTerm; PBFT view) changes. */
  | { kind: 'term' }
  /** Some node's commitIndex advances. */
  | { kind: 'commit' }
  /** Two or more nodes are candidates at the same time (a contested election). */
  | { kind: 'candidates' }
  /** Node `node` changes role (including going down). */
  | { kind: 'role'; node: NodeId }
  /** Any node enters role `role` (one of Protocol.roles, or `crashed`), from another role. */
  | { kind: 'enter-role'; role: string }
  /**
   * A message is delivered to `node` (any node when absent); with `type`, only a message of that
   * type (a Protocol.messageType, e.g. RequestVote).
   */
  | { kind: 'deliver'; node?: NodeId; type?: string }
  /** A node emits a protocol record of kind `record` (StepEnv.record, one of Protocol.recordKinds' kinds). */
  | { kind: 'record'; record: string }
  /** A node timer fires (any node, or only `node`). */
  | { kind: 'timer'; node?: NodeId };

/** ConditionKind is a Condition's `kind`. */
export type ConditionKind = Condition['kind'];

/** ConditionWords are a protocol's names for its leader and epoch (Raft: leader, term; PBFT: primary, view). */
export interface ConditionWords {
  leader: string;
  epoch: string;
  /** Each record kind's words (Protocol.recordKinds' `title`, e.g. `a participant votes`), by kind. */
  records?: Readonly<Record<string, string>>;
}

/** conditionText names a condition for the UI, e.g. `RequestVote delivered to n3`, in the protocol's `words`. */
export function conditionText(c: Condition, words: ConditionWords = { leader: 'leader', epoch: 'term' }): string {
  switch (c.kind) {
    case 'leader':
      return `a new ${words.leader}`;
    case 'term':
      return `a change of ${words.epoch}`;
    case 'commit':
      return 'a commit';
    case 'candidates':
      return 'two candidates at once';
    case 'role':
      return `${c.node} changes role`;
    case 'enter-role':
      return `a node becomes ${c.role}`;
    case 'deliver':
      return `${c.type ?? 'a message'} delivered to ${c.node ?? 'any node'}`;
    case 'record':
      return words.records?.[c.record] ?? `a ${c.record} record`;
    case 'timer':
      return c.node ? `${c.node}'s timer fires` : 'a timer fires';
  }
}

/**
 * notFoundText says that no event of the next `limit` matches `c`, in words that read for every
 * condition ("Not found in the next 200,000 events: a new leader.").
 */
export function notFoundText(c: Condition, limit: number, words?: ConditionWords): string {
  return `Not found in the next ${limit.toLocaleString('en')} events: ${conditionText(c, words)}.`;
}

/** sameCondition tells whether two conditions are the same breakpoint. */
export function sameCondition(a: Condition, b: Condition): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** NodeStart is what a matcher needs to know of a node where it starts. */
export interface NodeStart {
  role: Role;
  term: number;
  commitIndex: number;
}

/**
 * ConditionMatcher watches trace records from a starting state and tells which conditions hold
 * after each. It tracks roles, terms and commit indexes per node, and the type of every message in
 * flight (from `send` records), to match deliveries by type.
 */
export class ConditionMatcher {
  private readonly roles = new Map<NodeId, NodeStart>();
  private readonly types = new Map<number, string>();
  /** The protocol's leading role; null when leader-free (the leader condition never holds). */
  private readonly leaderRole: string | null;
  /** Whether any condition names a message type: only then are sends' types worth tracking. */
  private readonly byType: boolean;

  /**
   * @param start - each node's role, term and commitIndex where matching starts
   * @param inFlight - messages already on the bus then, by trace id
   */
  constructor(
    private readonly conditions: readonly Condition[],
    private readonly protocol: AnyProtocol,
    start: Record<NodeId, NodeStart>,
    inFlight: readonly { id: number; msg: unknown }[],
  ) {
    this.leaderRole = leaderRoleOf(protocol);
    this.byType = conditions.some((c) => c.kind === 'deliver' && c.type !== undefined);
    for (const [id, s] of Object.entries(start)) this.roles.set(id, { role: s.role, term: s.term, commitIndex: s.commitIndex });
    for (const m of inFlight) this.types.set(m.id, protocol.messageType(m.msg));
  }

  /** feed takes the next record and gives the conditions that it makes hold (often none). */
  feed(r: TraceRecord): Condition[] {
    switch (r.type) {
      case 'send':
        if (this.byType) this.types.set(r.id, this.protocol.messageType(r.msg));
        return [];
      case 'deliver': {
        const type = this.types.get(r.id);
        this.types.delete(r.id);
        return this.conditions.filter((c) => c.kind === 'deliver' && (c.node === undefined || c.node === r.to) && (c.type === undefined || c.type === type));
      }
      case 'drop':
        this.types.delete(r.id);
        return [];
      case 'timer':
        return this.conditions.filter((c) => c.kind === 'timer' && (c.node === undefined || c.node === r.node));
      case 'state':
        return this.state(r);
      case 'record':
        return this.conditions.filter((c) => c.kind === 'record' && c.record === r.kind);
      default:
        return [];
    }
  }

  private state(r: Extract<TraceRecord, { type: 'state' }>): Condition[] {
    const p = this.roles.get(r.node) ?? { role: 'follower', term: 0, commitIndex: 0 };
    this.roles.set(r.node, { role: r.role, term: r.term, commitIndex: r.commitIndex });
    const out: Condition[] = [];
    for (const c of this.conditions) {
      switch (c.kind) {
        case 'leader':
          if (this.leaderRole !== null && r.role === this.leaderRole && p.role !== this.leaderRole) out.push(c);
          break;
        case 'enter-role':
          if (r.role === c.role && p.role !== c.role) out.push(c);
          break;
        case 'term':
          if (r.term !== p.term && r.role !== 'crashed') out.push(c);
          break;
        case 'commit':
          if (r.commitIndex > p.commitIndex) out.push(c);
          break;
        case 'candidates':
          if (r.role === 'candidate' && p.role !== 'candidate' && this.count('candidate') >= 2) out.push(c);
          break;
        case 'role':
          if (c.node === r.node && r.role !== p.role) out.push(c);
          break;
        default:
          break;
      }
    }
    return out;
  }

  private count(role: string): number {
    let n = 0;
    for (const s of this.roles.values()) if (s.role === role) n++;
    return n;
  }
}
