/**
 * TraceCollector is the Simulation's trace sink in the browser. It keeps
 * - every record, in order and unmodified, for "Export trace" (up to TRACE_CAP records);
 * - a ring of recent loggable records for the event log, formatted lazily when the log is shown;
 * - the votes view (votedFor per node per term, and each term's leader), from `state` records;
 * - flags telling the controller that links changed (fault records) or the log/votes did.
 */
import type { AnyProtocol } from '../../core/protocol';
import type { TraceRecord } from '../../core/trace';
import type { NodeId } from '../../core/types';
import type { LogLine, VotesView } from '../store/types';
import { recordLine, type StateChange } from './format';
import { kindOf } from '../topology/messageKinds';

/** TRACE_CAP bounds the records kept for export (memory); past it the export is a prefix. */
export const TRACE_CAP = 2_000_000;
/** LOG_RING is how many recent loggable records are kept; the log shows the last LOG_SHOWN. */
const LOG_RING = 4000;
export const LOG_SHOWN = 500;
/** VOTE_TERMS is how many past terms the votes view keeps. */
const VOTE_TERMS = 40;

interface RingEntry {
  seq: number;
  rec: TraceRecord;
  msg: unknown;
  change: StateChange | null;
  /** A routine message: an empty AppendEntries (heartbeat) or a successful AppendEntriesReply. */
  routine: boolean;
  message: boolean;
  line: LogLine | null | undefined;
}

export class TraceCollector {
  readonly records: TraceRecord[] = [];
  capped = false;
  linksDirty = true;
  logDirty = true;
  votesDirty = true;
  private readonly protocol: AnyProtocol;
  private readonly ring: (RingEntry | undefined)[] = new Array(LOG_RING);
  private seq = 0;
  /** Messages in flight by id, to describe their delivery or drop. */
  private readonly inFlight = new Map<number, unknown>();
  private lastSend: { id: number; msg: unknown } | null = null;
  private readonly prev = new Map<NodeId, { role: string; term: number; commitIndex: number }>();
  private readonly votes = new Map<number, Map<NodeId, NodeId>>();
  private readonly leaders = new Map<number, NodeId>();
  /** onCap is called once when the export cap is reached. */
  onCap: (() => void) | null = null;

  constructor(protocol: AnyProtocol) {
    this.protocol = protocol;
  }

  /** sink is the TraceSink to pass to the Simulation. */
  readonly sink = (r: TraceRecord): void => {
    if (this.records.length < TRACE_CAP) this.records.push(r);
    else if (!this.capped) {
      this.capped = true;
      this.onCap?.();
    }
    switch (r.type) {
      case 'send':
        if (r.deliverAt === undefined) {
          // Dropped at once: the drop line that follows tells the story.
          this.lastSend = { id: r.id, msg: r.msg };
          return;
        }
        this.inFlight.set(r.id, r.msg);
        return this.log(r, r.msg, null);
      case 'deliver':
      case 'drop': {
        let msg = this.inFlight.get(r.id);
        if (msg === undefined && this.lastSend?.id === r.id) msg = this.lastSend.msg;
        this.inFlight.delete(r.id);
        return this.log(r, msg, null);
      }
      case 'state':
        return this.state(r);
      case 'fault':
        if (r.action === 'partition' || r.action === 'heal' || r.action === 'link' || r.action === 'isolate') this.linksDirty = true;
        return this.log(r, undefined, null);
      case 'header':
      case 'end':
        return;
      default:
        return this.log(r, undefined, null);
    }
  };

  private state(r: Extract<TraceRecord, { type: 'state' }>): void {
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
    if (r.role === 'leader' && this.leaders.get(r.term) !== r.node) {
      this.leaders.set(r.term, r.node);
      this.votesDirty = true;
    }
    if (change.role || change.term || change.commit) this.log(r, undefined, change);
  }

  private log(rec: TraceRecord, msg: unknown, change: StateChange | null): void {
    const seq = ++this.seq;
    const message = rec.type === 'send' || rec.type === 'deliver' || rec.type === 'drop';
    let routine = false;
    if (message) {
      const kind = kindOf(this.protocol, rec.type === 'send' ? rec.msg : msg);
      routine = kind === 'ae-hb' || kind === 'aer-ok';
    }
    this.ring[seq % LOG_RING] = { seq, rec, msg, change, routine, message, line: undefined };
    this.logDirty = true;
  }

  /** logLines formats the newest LOG_SHOWN lines passing the filter, oldest first. */
  logLines(filter: { hideHeartbeats: boolean; hideMessages: boolean }): LogLine[] {
    const out: LogLine[] = [];
    for (let s = this.seq; s > 0 && s > this.seq - LOG_RING && out.length < LOG_SHOWN; s--) {
      const e = this.ring[s % LOG_RING];
      if (!e || e.seq !== s) break;
      if (filter.hideMessages && e.message) continue;
      if (filter.hideHeartbeats && e.routine) continue;
      if (e.line === undefined) {
        const f = recordLine(e.rec, this.protocol, e.msg, e.change);
        e.line = f ? { seq: e.seq, t: e.rec.t, kind: f.kind, text: f.text } : null;
      }
      if (e.line) out.push(e.line);
    }
    this.logDirty = false;
    return out.reverse();
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
}
