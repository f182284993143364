/**
 * Human-readable text for client ops and fault actions, shared by the UI (event log, tooltips) and
 * the run report. Plain functions of plain data.
 */
import type { AnyProtocol } from './protocol';
import type { TraceRecord } from './trace';
import type { KvOp, NodeId, Op } from './types';

/**
 * opText names a client operation as typed: `put x 1`, `get x`, `cas x 1→2` for key-value ops;
 * another protocol's op as its `f` and its fields, e.g. `broadcast value=v1` (a registry entry may
 * word its own ops better: ProtocolEntry.ops.describe).
 */
export function opText(op: Op): string {
  const kv = op as KvOp;
  switch (kv.f) {
    case 'get':
      return `get ${kv.key}`;
    case 'put':
      return `put ${kv.key} ${kv.value}`;
    case 'append':
      return `append ${kv.key} ${kv.value}`;
    case 'cas':
      return `cas ${kv.key} ${kv.expected}→${kv.value}`;
    default: {
      const fields = Object.entries(op).filter(([k]) => k !== 'f');
      return [op.f, ...fields.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)].join(' ');
    }
  }
}

/** isOp tells whether `x` has the shape of an Op (an object with a string `f`). */
export function isOp(x: unknown): x is Op {
  return typeof x === 'object' && x !== null && typeof (x as { f?: unknown }).f === 'string';
}

/** actionText describes a fault record's action fields, e.g. `partition {n1 n2} | {n3 n4 n5}`. */
export function actionText(r: Extract<TraceRecord, { type: 'fault' }>): string {
  const f = r as Record<string, unknown>;
  const node = typeof f.node === 'string' ? f.node : null;
  const ref = f.ref === 'leader' ? ' (the leader)' : typeof f.ref === 'string' && f.ref.startsWith('role:') ? ` (the ${f.ref.slice(5)})` : '';
  switch (r.action) {
    case 'crash':
      return `${f.loseUnsynced ? 'power loss on' : 'crash'} ${node ?? ''}${ref}${f.loseUnsynced ? ' (unsynced writes lost)' : ''}`;
    case 'isolate':
    case 'timeout':
      return `${r.action === 'timeout' ? 'force timeout on' : r.action} ${node ?? ''}${ref}`;
    case 'input':
      return `${String(f.name)} on ${node ?? '?'}${ref}${f.args ? ` ${JSON.stringify(f.args)}` : ''}`;
    case 'byzantine':
      return f.behaviour === 'honest' ? `${node ?? '?'}${ref} is honest again` : `${node ?? '?'}${ref} turns Byzantine: ${String(f.behaviour)}`;
    case 'skew':
      return `skew ${node ?? ''}'s clock: ×${String(f.rate)}${f.rate === 1 ? ' (back to normal)' : ''}`;
    case 'pause':
      return `${node ?? '?'}${ref} paused for ${String(f.ms)} ms`;
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
    case 'manual':
      return f.enabled ? 'manual delivery on: messages and timers wait for you' : 'manual delivery off';
    case 'deliver':
    case 'drop':
    case 'duplicate':
      return `${r.action} message #${String(f.id)}`;
    case 'fire':
      return `fire ${node ?? '?'}'s ${String(f.timer)} timer`;
    case 'request':
      return `request ${isOp(f.op) ? opText(f.op) : '?'}${node ? ` to ${node}` : ''}${typeof f.client === 'string' ? ` by ${f.client}` : ''}`;
    default:
      return String(r.action);
  }
}

/** count words a number of things: `1 timer`, `4 messages`. */
const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * resumeText describes a `resume` record: `n3 resumed; 4 messages and 1 timer queued`, or for a
 * pause a crash ended, `n3's pause ends: it crashed (2 queued messages lost)`.
 */
export function resumeText(r: Extract<TraceRecord, { type: 'resume' }>): string {
  const parts = [r.messages ? count(r.messages, 'message') : '', r.timers ? count(r.timers, 'timer') : '', r.requests ? count(r.requests, 'client request') : ''].filter(Boolean);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}` : (parts[0] ?? '');
  if (r.crashed) return `${r.node}'s pause ends: it crashed${list ? ` (${list} queued, lost)` : ''}`;
  return `${r.node} resumed; ${list ? `${list} queued` : 'nothing queued'}`;
}

/**
 * messageLabel gives `protocol`'s label for `msg` as sent by node `from`, dropping a trailing
 * ` from <from>` the label would repeat (PBFT's labels name each message's signer: "Commit v0 #16
 * d:bb17 from n4"; next to "n2 receives … from n4" once is enough). A label naming another node
 * keeps it: a forwarded NewView, or a forgery claiming to be from n2 sent by n3.
 */
export function messageLabel(protocol: Pick<AnyProtocol, 'describeMessage'>, msg: unknown, from: NodeId): string {
  const label = protocol.describeMessage(msg);
  const tail = ` from ${from}`;
  return label.endsWith(tail) ? label.slice(0, -tail.length) : label;
}
