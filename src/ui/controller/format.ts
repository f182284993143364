/**
 * Human-readable text for ops, log commands, fault actions and trace records (event log, tooltips).
 * Protocol-agnostic: messages are described by the protocol's own describeMessage.
 */
import type { AnyProtocol } from '../../core/protocol';
import type { TraceRecord } from '../../core/trace';
import type { Op } from '../../core/types';
import type { LogKind } from '../store/types';

/** opText gives e.g. `put x 1`, `get x`, `cas x 1→2`. */
export function opText(op: Op): string {
  switch (op.f) {
    case 'get':
      return `get ${op.key}`;
    case 'put':
      return `put ${op.key} ${op.value}`;
    case 'append':
      return `append ${op.key} ${op.value}`;
    case 'cas':
      return `cas ${op.key} ${op.expected}→${op.value}`;
    default:
      return JSON.stringify(op);
  }
}

function isOp(x: unknown): x is Op {
  return typeof x === 'object' && x !== null && typeof (x as { f?: unknown }).f === 'string' && typeof (x as { key?: unknown }).key === 'string';
}

/** commandText describes a log entry's command: `no-op`, `put x 1 (c1#2)`, or its JSON. */
export function commandText(command: unknown): string {
  if (typeof command === 'object' && command !== null) {
    const c = command as { kind?: unknown; op?: unknown; client?: unknown; requestId?: unknown };
    if (c.kind === 'noop') return 'no-op';
    if (isOp(c.op)) return `${opText(c.op)}${typeof c.client === 'string' ? ` (${c.client}#${String(c.requestId)})` : ''}`;
  }
  return JSON.stringify(command);
}

/** actionText describes a fault record's action fields, e.g. `partition {n1 n2} | {n3 n4 n5}`. */
export function actionText(r: Extract<TraceRecord, { type: 'fault' }>): string {
  const f = r as Record<string, unknown>;
  const node = typeof f.node === 'string' ? f.node : null;
  switch (r.action) {
    case 'crash':
    case 'isolate':
    case 'timeout':
      return `${r.action === 'timeout' ? 'force election timeout on' : r.action} ${node ?? ''}${f.ref === 'leader' ? ' (the leader)' : ''}`;
    case 'skew':
      return `skew ${node ?? ''}'s clock: ×${String(f.rate)}${f.rate === 1 ? ' (back to normal)' : ''}`;
    case 'restart':
      return Array.isArray(f.nodes) ? `restart ${(f.nodes as string[]).join(' ') || '(nobody is down)'}` : `restart ${node ?? 'all crashed nodes'}`;
    case 'partition':
      return `partition ${(f.groups as string[][]).map((g) => `{${g.join(' ')}}`).join(' | ')}`;
    case 'heal':
      return 'heal the network';
    case 'link': {
      const parts: string[] = [];
      if (f.cut !== undefined) parts.push(f.cut ? 'cut' : 'uncut');
      if (Array.isArray(f.latencyMs)) parts.push(`latency ${f.latencyMs[0]}–${f.latencyMs[1]} ms`);
      if (f.loss !== undefined) parts.push(`loss ${String(f.loss)}`);
      if (f.duplicate !== undefined) parts.push(`dup ${String(f.duplicate)}`);
      return `link ${String(f.from)} → ${String(f.to)}: ${parts.join(', ')}`;
    }
    case 'request':
      return `request ${isOp(f.op) ? opText(f.op) : '?'}${node ? ` to ${node}` : ''}${typeof f.client === 'string' ? ` by ${f.client}` : ''}`;
    default:
      return String(r.action);
  }
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
  const describe = (m: unknown) => (m === undefined ? 'message' : protocol.describeMessage(m));
  switch (r.type) {
    case 'send':
      return { kind: 'send', text: `${r.from} → ${r.to}  ${describe(r.msg)}${r.dup ? '  (duplicate)' : ''}` };
    case 'deliver':
      return { kind: 'recv', text: `${r.from} → ${r.to}  ${describe(msg)}` };
    case 'drop':
      return { kind: 'drop', text: `${r.from} → ${r.to}  ${describe(msg)}  dropped: ${r.reason}` };
    case 'timer':
      return { kind: 'timer', text: `${r.node}'s ${r.name} timer fires` };
    case 'state': {
      if (!change) return null;
      if (change.role || change.term) {
        if (r.role === 'crashed') return { kind: 'role', text: `${r.node} is down (crashed)` };
        return { kind: 'role', text: change.role ? `${r.node} becomes ${r.role} in term ${r.term}` : `${r.node} moves to term ${r.term} (${r.role})` };
      }
      if (change.commit) return { kind: 'commit', text: `${r.node} commits up to #${r.commitIndex}` };
      return null;
    }
    case 'apply':
      return { kind: 'apply', text: `${r.node} applies #${r.index} ${commandText(r.command)} (term ${r.term})` };
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
    case 'note':
      return { kind: 'note', text: r.text };
    case 'limit':
      return { kind: 'limit', text: `LIMIT: ${r.text}` };
    case 'header':
    case 'end':
      return null;
    default:
      return null;
  }
}
