/**
 * Parsers for the two history formats of Porcupine's test corpus (github.com/anishathalye/porcupine
 * `test_data`, rules from its `parseJepsenLog` and `parseKvLog`; see shared/corpora/porcupine/VERDICTS.md):
 * Jepsen etcd logs (single register) and Porcupine's key-value logs. Times are line indexes
 * (0-based; the logs have no timestamps); op ids number the ops kept (dropped `:fail` ones aside)
 * from 0, in invocation order.
 * Both pair a completion with the open invocation of the same process, and keep an `:info` op
 * open until after the end of the history (return = Infinity, output unknown), as Porcupine does.
 */
import type { KvOp } from '../../types';
import type { History, KvOutput, Operation } from './history';
import type { RegisterInput, RegisterOutput } from './models';

type Phase = 'invoke' | 'ok' | 'fail' | 'info';

/** Pairing tracks each process's open op; `where(i)` names a line for errors. */
class Pairing<I, O> {
  readonly ops: Operation<I, O>[] = [];
  private readonly dropped = new Set<Operation<I, O>>();
  private readonly open = new Map<string, { op: Operation<I, O>; f: string; line: number }>();

  constructor(private readonly where: (line: number) => string) {}

  invoke(process: string, f: string, input: I, line: number): void {
    const current = this.open.get(process);
    if (current) throw new Error(`${this.where(line)}: process ${process} invokes while its op from line ${current.line + 1} is still open`);
    const op: Operation<I, O> = { id: this.ops.length, client: process, call: line, return: Infinity, input, output: undefined };
    this.ops.push(op);
    this.open.set(process, { op, f, line });
  }

  /** complete closes the process's open op: `output` known, `undefined` = unknown at this line, `'drop'` = no effect, `'info'` = open forever. */
  complete(process: string, f: string, line: number, output: O | undefined | 'drop' | 'info'): void {
    const current = this.open.get(process);
    if (!current) throw new Error(`${this.where(line)}: process ${process} has no open op to complete`);
    if (current.f !== f) throw new Error(`${this.where(line)}: completes :${f} but process ${process}'s open op (line ${current.line + 1}) is :${current.f}`);
    this.open.delete(process);
    if (output === 'info') return;
    if (output === 'drop') this.dropped.add(current.op);
    else {
      current.op.return = line;
      current.op.output = output;
    }
  }

  history(): History<I, O> {
    return this.ops.filter((op) => !this.dropped.has(op)).map((op, id) => ({ ...op, id }));
  }
}

const lines = (text: string) => (text === '' ? [] : text.split(/\r?\n/));

const JEPSEN_LINE = /^INFO\s+jepsen\.util\s+-\s+(\d+)\s+:(invoke|ok|fail|info)\s+:(read|write|cas)\s+(.*?)\s*$/;

/** jepsenValue parses `nil`, an integer, `[A B]` or `:timed-out`. */
function jepsenValue(text: string): null | number | [number, number] | 'timed-out' | undefined {
  if (text === 'nil') return null;
  if (text === ':timed-out') return 'timed-out';
  if (/^-?\d+$/.test(text)) return Number(text);
  const pair = /^\[\s*(-?\d+)\s+(-?\d+)\s*\]$/.exec(text);
  return pair ? [Number(pair[1]), Number(pair[2])] : undefined;
}

/**
 * parseJepsenEtcdLog reads a Jepsen etcd log (`INFO  jepsen.util - <process> :<type> :<f> <value>`,
 * fields separated by TABs or runs of spaces; blank lines ignored) into a history for
 * `registerModel`:
 * - `:invoke :read nil`, `:invoke :write N`, `:invoke :cas [A B]` open an op;
 * - `:ok :read N|nil` → `{ok: true, value}`; `:ok :write` / `:ok :cas` → `{ok: true}` (value ignored);
 * - `:fail :cas` → `{ok: false}` (the compare did not match); `:fail :read` (timed out) closes the
 *   read with an unknown output at that line, as Porcupine does; `:fail :write` drops the op (no effect);
 * - `:info` (any f) leaves the op open forever.
 * Throws an Error naming the 1-based line number and the problem for a line of another shape, a bad
 * value, a completion without an open op or of another f, or an invoke while one is open.
 */
export function parseJepsenEtcdLog(text: string): History<RegisterInput, RegisterOutput> {
  const where = (i: number) => `etcd log line ${i + 1}`;
  const pairing = new Pairing<RegisterInput, RegisterOutput>(where);
  lines(text).forEach((line, i) => {
    if (line.trim() === '') return;
    const m = JEPSEN_LINE.exec(line);
    if (!m) throw new Error(`${where(i)}: not a Jepsen log line "INFO jepsen.util - <process> :<type> :<f> <value>": ${JSON.stringify(line)}`);
    const [, process = '', type = '', f = '', raw = ''] = m;
    const value = jepsenValue(raw);
    const bad = (want: string) => new Error(`${where(i)}: :${type} :${f} needs ${want}, got ${JSON.stringify(raw)}`);
    const phase = type as Phase;
    if (phase === 'invoke') {
      if (f === 'read') {
        if (value !== null) throw bad('nil');
        pairing.invoke(process, f, { f: 'read' }, i);
      } else if (f === 'write') {
        if (typeof value !== 'number') throw bad('an integer');
        pairing.invoke(process, f, { f: 'write', value }, i);
      } else {
        if (!Array.isArray(value)) throw bad('[from to]');
        pairing.invoke(process, f, { f: 'cas', from: value[0], to: value[1] }, i);
      }
    } else if (phase === 'info') {
      pairing.complete(process, f, i, 'info');
    } else if (phase === 'ok') {
      if (f === 'read' && value !== null && typeof value !== 'number') throw bad('nil or an integer');
      pairing.complete(process, f, i, f === 'read' ? { ok: true, value: value as number | null } : { ok: true });
    } else if (f === 'cas') {
      pairing.complete(process, f, i, { ok: false });
    } else {
      pairing.complete(process, f, i, f === 'read' ? undefined : 'drop');
    }
  });
  return pairing.history();
}

const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const KV_LINE = new RegExp(String.raw`^\{\s*:process\s+(\d+),\s*:type\s+:(invoke|ok|fail|info),\s*:f\s+:(get|put|append),\s*:key\s+(${STRING}),\s*:value\s+(nil|${STRING})\s*\}\s*$`);

/**
 * parsePorcupineKvLog reads a Porcupine kv log (one `{:process P, :type :T, :f :F, :key "K",
 * :value V}` per line; blank lines ignored) into a history for `kvModel({initial: ''})`, which is
 * Porcupine's kvModel (a missing key reads ""):
 * - `:invoke` of get (`:value nil`), put or append (`:value "s"`) opens an op;
 * - `:ok :get "s"` → `{ok: true, value: "s"}` (`nil` → value null, absent); `:ok` put/append → `{ok: true}`;
 * - `:fail` drops the op (no effect); `:info` leaves it open forever; so do ops open at the end
 *   (Porcupine would close those with an empty output; the corpus has none).
 * Throws an Error naming the 1-based line number and the problem for a line of another shape, a bad
 * string, a put/append without a value, a completion without an open op or of another f, or an
 * invoke while one is open.
 */
export function parsePorcupineKvLog(text: string): History<KvOp, KvOutput> {
  const where = (i: number) => `kv log line ${i + 1}`;
  const pairing = new Pairing<KvOp, KvOutput>(where);
  lines(text).forEach((line, i) => {
    if (line.trim() === '') return;
    const m = KV_LINE.exec(line);
    if (!m) throw new Error(`${where(i)}: not a kv log line "{:process P, :type :T, :f :F, :key "K", :value V}": ${JSON.stringify(line)}`);
    const [, process = '', type = '', f = '', rawKey = '', rawValue = ''] = m;
    const str = (raw: string): string => {
      try {
        return JSON.parse(raw) as string;
      } catch {
        throw new Error(`${where(i)}: cannot read the string ${raw}`);
      }
    };
    const key = str(rawKey);
    const value = rawValue === 'nil' ? null : str(rawValue);
    const phase = type as Phase;
    const label = `${f} ${rawKey}`; // a completion must match its invocation's f and key
    if (phase === 'invoke') {
      if (f === 'get') pairing.invoke(process, label, { f: 'get', key }, i);
      else {
        if (value === null) throw new Error(`${where(i)}: :invoke :${f} needs a string value, got nil`);
        pairing.invoke(process, label, { f: f as 'put' | 'append', key, value }, i);
      }
    } else if (phase === 'ok') {
      pairing.complete(process, label, i, f === 'get' ? { ok: true, value } : { ok: true });
    } else {
      pairing.complete(process, label, i, phase === 'fail' ? 'drop' : 'info');
    }
  });
  return pairing.history();
}
