/**
 * TraceCollector is the Simulation's trace sink in the browser. It keeps no record for long (an
 * export rebuilds the trace from the scenario: core/travel/replay-trace.ts), only
 * - a ring of recent loggable records for the event log, formatted lazily when the log is shown,
 *   each tagged with the event that produced it (a click on a line jumps there);
 * - the records of the latest event, to describe it in words;
 * - the votes view (votedFor per node per term, and each term's leader), from `state` records;
 * - each client's latest operation and its outcome, from `client` records (the request form);
 * - flags telling the controller that links changed (fault records) or the log/votes did.
 * Time travel restores it from a checkpoint's {@link CollectorSnapshot} and replays the rest.
 */
import { isRoutineRecord, leaderRoleOf, type AnyProtocol } from '../../core/protocol';
import type { TraceRecord } from '../../core/trace';
import type { NodeId } from '../../core/types';
import { describeEvent } from '../../core/travel/describe-event';
import type { ClientOutcome, LogFilter, LogLine, VotesView } from '../store/types';
import { recordLine, type StateChange } from './format';
import { lookOfProtocol } from '../protocols/registry';

/** LOG_RING is how many recent loggable records are kept; the log shows the last LOG_SHOWN. */
const LOG_RING = 4000;
export const LOG_SHOWN = 200;
/** SNAPSHOT_RING is how many of the newest ring entries a checkpoint keeps. */
const SNAPSHOT_RING = 600;
/** VOTE_TERMS is how many past terms the votes view keeps. */
const VOTE_TERMS = 40;

interface RingEntry {
  seq: number;
  events: number;
  rec: TraceRecord;
  msg: unknown;
  change: StateChange | null;
  /** A routine message: an empty AppendEntries (heartbeat) or a successful AppendEntriesReply. */
  routine: boolean;
  message: boolean;
  line: LogLine | null | undefined;
}

/** CollectorSnapshot is the collector's state at a checkpoint. */
export interface CollectorSnapshot {
  total: number;
  ring: (RingEntry | undefined)[];
  seq: number;
  inFlight: [number, unknown][];
  lastSend: { id: number; msg: unknown } | null;
  prev: [NodeId, { role: string; term: number; commitIndex: number }][];
  votes: [number, [NodeId, NodeId][]][];
  leaders: [number, NodeId][];
  last: { events: number; records: TraceRecord[]; msgs: [number, unknown][] };
  clients: [string, ClientOutcome][];
}

export class TraceCollector {
  /** Records emitted in this run so far: the next record's position in the whole trace. */
  total = 0;
  linksDirty = true;
  logDirty = true;
  votesDirty = true;
  clientsDirty = true;
  /** eventOf gives the event number the record being emitted belongs to (the sim's event count). */
  eventOf: () => number = () => 0;
  /** onRecord sees every record with the event it belongs to (breakpoints). */
  onRecord: ((r: TraceRecord, events: number) => void) | null = null;
  private readonly protocol: AnyProtocol;
  private ring: (RingEntry | undefined)[] = new Array(LOG_RING);
  private seq = 0;
  /** Messages in flight by id, to describe their delivery or drop. */
  private inFlight = new Map<number, unknown>();
  private lastSend: { id: number; msg: unknown } | null = null;
  private prev = new Map<NodeId, { role: string; term: number; commitIndex: number }>();
  private votes = new Map<number, Map<NodeId, NodeId>>();
  private leaders = new Map<number, NodeId>();
  private last: { events: number; records: TraceRecord[]; msgs: Map<number, unknown> } = { events: -1, records: [], msgs: new Map() };
  /** Each client's latest operation (replaced when it invokes the next). */
  private clients = new Map<string, ClientOutcome>();

  constructor(protocol: AnyProtocol) {
    this.protocol = protocol;
  }

  /** sink is the TraceSink to pass to the Simulation. */
  readonly sink = (r: TraceRecord): void => {
    const events = this.eventOf();
    this.total++;
    if (r.type !== 'header') {
      if (events !== this.last.events) this.last = { events, records: [], msgs: new Map() };
      this.last.records.push(r);
    }
    this.onRecord?.(r, events);
    if (r.type === 'client') this.client(r);
    switch (r.type) {
      case 'send':
        if (r.deliverAt === undefined && !r.held) {
          // Dropped at once: the drop line that follows tells the story.
          this.lastSend = { id: r.id, msg: r.msg };
          return;
        }
        this.inFlight.set(r.id, r.msg);
        return this.log(r, r.msg, null, events);
      case 'deliver':
      case 'drop': {
        let msg = this.inFlight.get(r.id);
        if (msg === undefined && this.lastSend?.id === r.id) msg = this.lastSend.msg;
        this.inFlight.delete(r.id);
        this.last.msgs.set(r.id, msg);
        return this.log(r, msg, null, events);
      }
      case 'state':
        return this.state(r, events);
      case 'fault':
        if (r.action === 'partition' || r.action === 'heal' || r.action === 'link' || r.action === 'isolate') this.linksDirty = true;
        return this.log(r, undefined, null, events);
      case 'header':
      case 'end':
        return;
      default:
        return this.log(r, undefined, null, events);
    }
  };

  private client(r: Extract<TraceRecord, { type: 'client' }>): void {
    const was = this.clients.get(r.client);
    if (r.phase === 'invoke') this.clients.set(r.client, { op: r.op, invokedAt: r.t, phase: 'invoke', t: r.t });
    else this.clients.set(r.client, { op: r.op, invokedAt: was?.invokedAt ?? r.t, phase: r.phase, t: r.t, result: r.result });
    this.clientsDirty = true;
  }

  /** clientOutcomes gives each client's latest operation and its outcome so far. */
  clientOutcomes(): Record<string, ClientOutcome> {
    this.clientsDirty = false;
    return Object.fromEntries(this.clients);
  }

  private state(r: Extract<TraceRecord, { type: 'state' }>, events: number): void {
    const p = this.prev.get(r.node);
    const change: StateChange = {
      role: !p || p.role !== r.role,
      term: !p || p.term !== r.term,
      commit: !p || p.commitIndex !== r.commitIndex,
    };
    this.prev.set(r.node, { role: r.role, term: r.term, commitIndex: r.commitIndex });
    if (r.votedFor !== null && r.role !== 'crashed') {
      let m = this.votes.get(r.term);
      if (!m) {
        m = new Map();
        this.votes.set(r.term, m);
        for (const t of this.votes.keys()) if (t <= r.term - VOTE_TERMS) this.votes.delete(t);
      }
      if (m.get(r.node) !== r.votedFor) {
        m.set(r.node, r.votedFor);
        this.votesDirty = true;
      }
    }
    if (r.role === leaderRoleOf(this.protocol) && this.leaders.get(r.term) !== r.node) {
      this.leaders.set(r.term, r.node);
      this.votesDirty = true;
    }
    if (change.role || change.term || change.commit) this.log(r, undefined, change, events);
  }

  private log(rec: TraceRecord, msg: unknown, change: StateChange | null, events: number): void {
    const seq = ++this.seq;
    const message = rec.type === 'send' || rec.type === 'deliver' || rec.type === 'drop';
    let routine = isRoutineRecord(this.protocol, rec);
    if (message) {
      const look = lookOfProtocol(this.protocol);
      routine = look.kind(look.kindOf(rec.type === 'send' ? rec.msg : msg)).routine === true;
    }
    this.ring[seq % LOG_RING] = { seq, events, rec, msg, change, routine, message, line: undefined };
    this.logDirty = true;
  }

  /** logLines formats the newest LOG_SHOWN lines passing the filter, oldest first. */
  logLines(filter: LogFilter): LogLine[] {
    const out: LogLine[] = [];
    for (let s = this.seq; s > 0 && s > this.seq - LOG_RING && out.length < LOG_SHOWN; s--) {
      const e = this.ring[s % LOG_RING];
      if (!e || e.seq !== s) break;
      if (filter.hideMessages && e.message) continue;
      if (filter.hideHeartbeats && e.routine) continue;
      if (filter.node !== null && !involves(e.rec, filter.node)) continue;
      if (filter.msgType !== null && (!e.message || this.protocol.messageType(e.rec.type === 'send' ? e.rec.msg : e.msg) !== filter.msgType)) continue;
      if (e.line === undefined) {
        const f = recordLine(e.rec, this.protocol, e.msg, e.change);
        e.line = f ? { seq: e.seq, t: e.rec.t, events: e.events, kind: f.kind, text: f.text } : null;
      }
      if (!e.line || (filter.kind !== null && e.line.kind !== filter.kind)) continue;
      out.push(e.line);
    }
    this.logDirty = false;
    return out.reverse();
  }

  /** currentEvent describes the latest event in words ('' before the first). */
  currentEvent(): { events: number; text: string } {
    const { events, records, msgs } = this.last;
    return { events: Math.max(0, events), text: describeEvent(records, this.protocol, (id) => msgs.get(id) ?? this.inFlight.get(id)) };
  }

  /** votesView gives the newest `terms` terms of the votes view. */
  votesView(terms = 8): VotesView {
    this.votesDirty = false;
    const all = new Set<number>([...this.votes.keys(), ...this.leaders.keys()]);
    const shown = [...all].filter((t) => t > 0).sort((a, b) => b - a).slice(0, terms);
    const votes: VotesView['votes'] = {};
    const leaders: VotesView['leaders'] = {};
    for (const t of shown) {
      votes[t] = Object.fromEntries(this.votes.get(t) ?? []);
      const l = this.leaders.get(t);
      if (l) leaders[t] = l;
    }
    return { terms: shown, votes, leaders };
  }

  /** snapshot copies the derived state (cheap: the ring's entries are shared, never changed but for their cached line). */
  snapshot(): CollectorSnapshot {
    return {
      total: this.total,
      ring: this.ringTail(),
      seq: this.seq,
      inFlight: [...this.inFlight],
      lastSend: this.lastSend,
      prev: [...this.prev].map(([k, v]) => [k, { ...v }]),
      votes: [...this.votes].map(([t, m]) => [t, [...m]]),
      leaders: [...this.leaders],
      last: { events: this.last.events, records: [...this.last.records], msgs: [...this.last.msgs] },
      clients: [...this.clients],
    };
  }

  /**
   * ringTail copies the newest SNAPSHOT_RING entries of the ring (in place, by seq): enough for the
   * log after a seek, and a checkpoint then keeps far fewer records alive than the whole ring.
   */
  private ringTail(): (RingEntry | undefined)[] {
    const out: (RingEntry | undefined)[] = new Array(LOG_RING);
    for (let s = this.seq; s > 0 && s > this.seq - SNAPSHOT_RING; s--) out[s % LOG_RING] = this.ring[s % LOG_RING];
    return out;
  }

  /** restore goes back to a snapshot taken earlier in this run: later records are forgotten. */
  restore(s: CollectorSnapshot): void {
    this.total = s.total;
    this.ring = [...s.ring];
    this.seq = s.seq;
    this.inFlight = new Map(s.inFlight);
    this.lastSend = s.lastSend;
    this.prev = new Map(s.prev.map(([k, v]) => [k, { ...v }]));
    this.votes = new Map(s.votes.map(([t, m]) => [t, new Map(m)]));
    this.leaders = new Map(s.leaders);
    this.last = { events: s.last.events, records: [...s.last.records], msgs: new Map(s.last.msgs) };
    this.clients = new Map(s.clients);
    this.linksDirty = this.logDirty = this.votesDirty = this.clientsDirty = true;
  }
}

/** involves tells whether a record concerns node `id` (sender, receiver, or the node itself). */
function involves(r: TraceRecord, id: NodeId): boolean {
  switch (r.type) {
    case 'send':
    case 'deliver':
    case 'drop':
      return r.from === id || r.to === id;
    case 'timer':
    case 'state':
    case 'apply':
    case 'resume':
      return r.node === id;
    case 'client':
    case 'note':
      return r.node === id;
    case 'fault': {
      const f = r as Record<string, unknown>;
      return f.node === id || (Array.isArray(f.nodes) && f.nodes.includes(id)) || (Array.isArray(f.groups) && (f.groups as string[][]).some((g) => g.includes(id)));
    }
    default:
      return false;
  }
}
