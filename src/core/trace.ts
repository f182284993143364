/**
 * Trace records: what a run emits, one JSON object per line (JSON Lines). The headless runner
 * prints them; the browser's "Export trace" downloads a prefix of the same sequence. Format
 * documented in docs/scenario-and-trace.md.
 */
import type { Scenario, TimelineAction } from './scenario/types';
import type { ClientId, LogEntryView, LogSnapshotView, NodeId, Op, Role, VirtualMs } from './types';

/** DropReason says why the bus dropped a message. */
export type DropReason = 'loss' | 'partition' | 'cut' | 'crashed' | 'overflow' | 'manual';

/** ClientPhase follows Jepsen: invoke, then ok, fail (certainly no effect) or info (unknown). */
export type ClientPhase = 'invoke' | 'ok' | 'fail' | 'info';

/** TraceRecord is one line of a trace; `t` is virtual ms. */
export type TraceRecord =
  | { t: VirtualMs; type: 'header'; scenario: Scenario }
  /**
   * send: `deliverAt` (virtual ms) is when the copy will arrive; absent when it is dropped at once
   * or, with `held`, when it waits on the bus for the user (manual delivery mode).
   */
  | { t: VirtualMs; type: 'send'; id: number; from: NodeId; to: NodeId; msg: unknown; deliverAt?: VirtualMs; dup?: true; held?: true }
  | { t: VirtualMs; type: 'deliver'; id: number; from: NodeId; to: NodeId }
  | { t: VirtualMs; type: 'drop'; id: number; from: NodeId; to: NodeId; reason: DropReason }
  | { t: VirtualMs; type: 'timer'; node: NodeId; name: string }
  | { t: VirtualMs; type: 'fault'; action: TimelineAction['action']; [field: string]: unknown }
  /**
   * resume: a paused node (timeline `pause`) runs again. `messages`, `timers` and `requests` count
   * what waited for it; they are handled now, in the order they came due, as ordinary `deliver`,
   * `timer` and client events at this `t`. With `crashed` the pause ended because the node crashed,
   * and what waited is lost (its messages are dropped, reason `crashed`).
   */
  | { t: VirtualMs; type: 'resume'; node: NodeId; messages: number; timers: number; requests: number; crashed?: true }
  | {
      t: VirtualMs;
      type: 'state';
      node: NodeId;
      role: Role;
      term: number;
      votedFor: NodeId | null;
      commitIndex: number;
      lastLogIndex: number;
      /** The protocol's own summary fields (NodeSummary.fields), when it has any. */
      fields?: Readonly<Record<string, string | number | boolean | null>>;
    }
  /**
   * record: a protocol's structured record (StepEnv.record), e.g. 2PC's
   * `{"type":"record","kind":"vote","node":"n2","txn":"c1#1","vote":"commit"}`. Its kinds and fields
   * are listed in the protocol's Protocol.recordKinds.
   */
  | { t: VirtualMs; type: 'record'; kind: string; node: NodeId; [field: string]: unknown }
  | { t: VirtualMs; type: 'apply'; node: NodeId; index: number; term: number; command: unknown }
  | { t: VirtualMs; type: 'client'; client: ClientId; phase: ClientPhase; op: Op; result?: unknown; node?: NodeId }
  | { t: VirtualMs; type: 'note'; node?: NodeId; text: string }
  | { t: VirtualMs; type: 'limit'; text: string }
  | {
      t: VirtualMs;
      type: 'end';
      nodes: {
        id: NodeId;
        role: Role;
        term: number;
        votedFor: NodeId | null;
        commitIndex: number;
        log: LogEntryView[];
        /** The compacted prefix of the log, when there is one: then `log[0]` is index lastIncludedIndex + 1 (Raft §7). */
        snapshot?: LogSnapshotView;
        /** The protocol's own summary fields (NodeSummary.fields), when it has any. */
        fields?: Readonly<Record<string, string | number | boolean | null>>;
      }[];
    };

/** TraceType is the `type` field of a TraceRecord. */
export type TraceType = TraceRecord['type'];

/** TraceSink receives records in order. The simulator builds no record at all when it has none. */
export type TraceSink = (record: TraceRecord) => void;
