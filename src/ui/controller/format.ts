/**
 * Human-readable text for ops, log commands, fault actions and trace records (event log, tooltips).
 * Protocol-agnostic: messages are described by the protocol's own describeMessage, epochs by its
 * own word (protocol.epochName: Raft's term, PBFT's view).
 */
import { epochText, type AnyProtocol } from '../../core/protocol';
import type { TraceRecord } from '../../core/trace';
import { actionText, isOp, messageLabel, opText, resumeText } from '../../core/describe';
import type { LogKind } from '../store/types';

export { actionText, opText };

/** commandText describes a log entry's command: `no-op`, `put x 1 (c1#2)`, or its JSON. */
export function commandText(command: unknown): string {
  if (typeof command === 'object' && command !== null) {
    const c = command as { kind?: unknown; op?: unknown; client?: unknown; requestId?: unknown };
    if (c.kind === 'noop') return 'no-op';
    if (isOp(c.op)) return `${opText(c.op)}${typeof c.client === 'string' ? ` (${c.client}#${String(c.requestId)})` : ''}`;
    // Any other command with a kind, in words: `config voters=n1 n2 n3 learners=n4` (lists as words).
    if (typeof c.kind === 'string') {
      const fields = Object.entries(c).filter(([k, v]) => k !== 'kind' && v !== undefined);
      if (fields.every(([, v]) => typeof v !== 'object' || v === null || (Array.isArray(v) && v.every((x) => typeof x !== 'object')))) {
        return [c.kind, ...fields.map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(' ') || '∅' : String(v)}`)].join(' ');
      }
    }
  }
  return JSON.stringify(command);
}

/** StateChange is what a `state` record changed, decided when it arrives. */
export interface StateChange {
  role: boolean;
  term: boolean;
  commit: boolean;
}

/**
 * recordLine formats one record for the event log, or null if it is not shown. `msg` is the
 * message a deliver/drop record refers to (found by id when it was sent).
 */
export function recordLine(
  r: TraceRecord,
  protocol: AnyProtocol,
  msg: unknown,
  change: StateChange | null,
): { kind: LogKind; text: string } | null {
  const describe = (m: unknown, from: string) => (m === undefined ? 'message' : messageLabel(protocol, m, from));
  switch (r.type) {
    case 'send':
      return { kind: 'send', text: `${r.from} → ${r.to}  ${describe(r.msg, r.from)}${r.dup ? '  (duplicate)' : ''}` };
    case 'deliver':
      return { kind: 'recv', text: `${r.from} → ${r.to}  ${describe(msg, r.from)}` };
    case 'drop':
      return { kind: 'drop', text: `${r.from} → ${r.to}  ${describe(msg, r.from)}  dropped: ${r.reason}` };
    case 'timer':
      return { kind: 'timer', text: `${r.node}'s ${r.name} timer fires` };
    case 'state': {
      if (!change) return null;
      if (change.role || change.term) {
        if (r.role === 'crashed') return { kind: 'role', text: `${r.node} is down (crashed)` };
        const e = epochText(protocol, r.term);
        if (!e) return change.role ? { kind: 'role', text: `${r.node} becomes ${r.role}` } : null;
        return { kind: 'role', text: change.role ? `${r.node} becomes ${r.role} in ${e}` : `${r.node} moves to ${e} (${r.role})` };
      }
      if (change.commit) return { kind: 'commit', text: `${r.node} commits up to #${r.commitIndex}` };
      return null;
    }
    case 'apply':
      return { kind: 'apply', text: `${r.node} applies #${r.index} ${commandText(r.command)}${epochText(protocol, r.term) ? ` (${epochText(protocol, r.term)})` : ''}` };
    case 'client': {
      const op = opText(r.op);
      if (r.phase === 'invoke') return { kind: 'client', text: `${r.client} sends ${op} to ${r.node ?? '?'}` };
      if (r.phase === 'ok') return { kind: 'client', text: `${r.client} ok: ${op}${r.op.f === 'get' ? ` = ${JSON.stringify(r.result ?? null)}` : ''} (from ${r.node ?? '?'})` };
      if (r.phase === 'fail') return { kind: 'client', text: `${r.client} failed: ${op}: ${String(r.result)}` };
      return { kind: 'client', text: `${r.client} outcome unknown: ${op}` };
    }
    case 'fault': {
      const skipped = (r as Record<string, unknown>).skipped;
      return { kind: 'fault', text: `⚡ ${actionText(r)}${typeof skipped === 'string' ? ` — skipped: ${skipped}` : ''}` };
    }
    case 'resume':
      return { kind: 'fault', text: `⏵ ${resumeText(r)}` };
    case 'note':
      return { kind: 'note', text: r.text };
    case 'record': {
      // A protocol's structured record (StepEnv.record), e.g. `n2 vote: txn=c1#1 vote=commit`.
      const { t: _t, type: _type, kind, node, ...fields } = r;
      void _t;
      void _type;
      return { kind: 'note', text: `${node} ${kind}: ${Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ')}` };
    }
    case 'limit':
      return { kind: 'limit', text: `LIMIT: ${r.text}` };
    case 'header':
    case 'end':
      return null;
    default:
      return null;
  }
}
