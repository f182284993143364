/**
 * traceLine: one trace record as its JSON Lines text, byte for byte what `JSON.stringify(record)`
 * gives, several times faster for the records a run is made of (send, deliver, drop, state, apply,
 * timer). Serialising the trace was over half the headless runner's time (profile of the RaftScope
 * workload, 60 virtual s, 112,701 records).
 *
 * Why it is safe: the fast paths write the fields in the order the simulator builds them, and only
 * fields whose text needs no escaping are written bare: numbers, node ids (validated by the scenario
 * schema as a letter then letters, digits, `_` or `-`), drop reasons and record types. Any other
 * string goes through {@link quote}; protocol values (a message, a command) through JSON.stringify.
 * The tests compare it with JSON.stringify on every record of Raft, PBFT and chaos runs.
 */
import type { TraceRecord } from './trace';

/** QUOTED caches the JSON text of short strings that recur (roles, timer names): few and repeated. */
const QUOTED = new Map<string, string>();

/** quote gives `s` as a JSON string literal, as JSON.stringify(s) does. */
export function quote(s: string): string {
  let q = QUOTED.get(s);
  if (q === undefined) {
    q = JSON.stringify(s);
    if (QUOTED.size < 4096) QUOTED.set(s, q);
  }
  return q;
}

/**
 * SHARED caches the JSON text of objects held in arrays, by identity. A protocol's messages and
 * its state share such objects: Raft's log entries travel in many AppendEntries, are applied, and
 * stand in every node's log at the end, yet are written out once. Entries are immutable once made
 * (Protocol.cloneState relies on it too), so the text stays right.
 */
const SHARED = new WeakMap<object, string>();

/** element gives an array element's JSON text as JSON.stringify writes it inside an array. */
function element(x: unknown): string {
  if (typeof x !== 'object' || x === null) return JSON.stringify(x) ?? 'null';
  let j = SHARED.get(x);
  if (j === undefined) {
    j = json(x) ?? 'null';
    SHARED.set(x, j);
  }
  return j;
}

/**
 * json gives a protocol value (a message, a command) as JSON.stringify(v) does, writing each
 * object that stands in an array from {@link SHARED}. Objects with a toJSON method, and anything
 * that is not plain data, go to JSON.stringify whole.
 */
export function json(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null) return JSON.stringify(v);
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + element(v[i]);
    return out + ']';
  }
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function' || Object.getPrototypeOf(v) !== Object.prototype) return JSON.stringify(v);
  let out = '{';
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    const j = Array.isArray(x) ? json(x) : JSON.stringify(x);
    if (j === undefined) continue;
    out += (out.length > 1 ? ',' : '') + quote(k) + ':' + j;
  }
  return out + '}';
}

/**
 * traceLine gives `r` as JSON (no trailing newline), equal to `JSON.stringify(r)`.
 * Records are expected as the simulator builds them; any other shape falls back to JSON.stringify.
 */
export function traceLine(r: TraceRecord): string {
  switch (r.type) {
    case 'deliver':
      return `{"t":${r.t},"type":"deliver","id":${r.id},"from":"${r.from}","to":"${r.to}"}`;
    case 'drop':
      return `{"t":${r.t},"type":"drop","id":${r.id},"from":"${r.from}","to":"${r.to}","reason":"${r.reason}"}`;
    case 'send': {
      if (r.held || r.msg === undefined) break;
      const head = `{"t":${r.t},"type":"send","id":${r.id},"from":"${r.from}","to":"${r.to}","msg":${json(r.msg)}`;
      if (r.deliverAt === undefined) return r.dup ? `${head},"dup":true}` : `${head}}`;
      return r.dup ? `${head},"deliverAt":${r.deliverAt},"dup":true}` : `${head},"deliverAt":${r.deliverAt}}`;
    }
    case 'state':
      // A protocol's own summary fields (NodeSummary.fields) take the general path.
      if (r.votedFor === undefined || r.fields !== undefined) break;
      return `{"t":${r.t},"type":"state","node":"${r.node}","role":${quote(r.role)},"term":${r.term},"votedFor":${r.votedFor === null ? 'null' : `"${r.votedFor}"`},"commitIndex":${r.commitIndex},"lastLogIndex":${r.lastLogIndex}}`;
    case 'apply':
      if (r.command === undefined) break;
      return `{"t":${r.t},"type":"apply","node":"${r.node}","index":${r.index},"term":${r.term},"command":${json(r.command)}}`;
    case 'timer':
      return `{"t":${r.t},"type":"timer","node":"${r.node}","name":${quote(r.name)}}`;
    default:
      break;
  }
  return JSON.stringify(r);
}
