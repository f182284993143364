import { describe, expect, it } from 'vitest';
import { checkLinearizability } from './check';
import { parseJepsenEtcdLog, parsePorcupineKvLog } from './formats';
import { kvModel, registerModel } from './models';

const jepsen = (...rows: string[]) => rows.map((r) => `INFO  jepsen.util - ${r}`).join('\n') + '\n';

describe('parseJepsenEtcdLog', () => {
  it('reads TAB- and space-separated lines, with line indexes as times', () => {
    const h = parseJepsenEtcdLog(
      jepsen(
        '2\t:invoke\t:cas\t[3 0]',
        '3\t:invoke\t:read\tnil',
        '2\t:fail\t:cas\t[3 0]',
        '3\t:ok\t:read\tnil',
        '4   :invoke :write  1',
        '1\t:invoke\t:cas\t[1 2]',
        '4   :info   :write  :timed-out',
        '1\t:ok\t:cas\t[1 2]',
        '9   :invoke :read   nil',
        '9   :fail   :read   :timed-out',
        '3\t:invoke\t:read\tnil',
        '3\t:ok\t:read\t2',
      ),
    );
    expect(h).toEqual([
      { id: 0, client: '2', call: 0, return: 2, input: { f: 'cas', from: 3, to: 0 }, output: { ok: false } },
      { id: 1, client: '3', call: 1, return: 3, input: { f: 'read' }, output: { ok: true, value: null } },
      { id: 2, client: '4', call: 4, return: Infinity, input: { f: 'write', value: 1 }, output: undefined },
      { id: 3, client: '1', call: 5, return: 7, input: { f: 'cas', from: 1, to: 2 }, output: { ok: true } },
      { id: 4, client: '9', call: 8, return: 9, input: { f: 'read' }, output: undefined },
      { id: 5, client: '3', call: 10, return: 11, input: { f: 'read' }, output: { ok: true, value: 2 } },
    ]);
    // The timed-out write must take effect (late) for the cas 1→2 to succeed.
    expect(checkLinearizability(h, registerModel).verdict).toBe('linearizable');
  });

  it('gives an empty history for an empty file', () => {
    expect(parseJepsenEtcdLog('')).toEqual([]);
  });

  it('throws naming the line and the problem', () => {
    expect(() => parseJepsenEtcdLog(jepsen('1\t:invoke\t:read\tnil', 'garbage'))).toThrow(/^etcd log line 2: not a Jepsen log line/);
    expect(() => parseJepsenEtcdLog(jepsen('1\t:invoke\t:write\tx'))).toThrow('etcd log line 1: :invoke :write needs an integer, got "x"');
    expect(() => parseJepsenEtcdLog(jepsen('1\t:invoke\t:cas\t[1]'))).toThrow('etcd log line 1: :invoke :cas needs [from to], got "[1]"');
    expect(() => parseJepsenEtcdLog(jepsen('1\t:ok\t:read\tnil'))).toThrow('etcd log line 1: process 1 has no open op to complete');
    expect(() => parseJepsenEtcdLog(jepsen('1\t:invoke\t:read\tnil', '1\t:ok\t:write\t3'))).toThrow(
      "etcd log line 2: completes :write but process 1's open op (line 1) is :read",
    );
    expect(() => parseJepsenEtcdLog(jepsen('1\t:invoke\t:read\tnil', '1\t:invoke\t:read\tnil'))).toThrow(
      'etcd log line 2: process 1 invokes while its op from line 1 is still open',
    );
  });
});

describe('parsePorcupineKvLog', () => {
  const line = (p: number, type: string, f: string, key: string, value: string) => `{:process ${p}, :type :${type}, :f :${f}, :key "${key}", :value ${value}}`;

  it('reads get/put/append, drops :fail, keeps :info and unfinished ops open', () => {
    const h = parsePorcupineKvLog(
      [
        line(0, 'invoke', 'append', '0', '"x 0 0 y"'),
        line(1, 'invoke', 'get', '0', 'nil'),
        line(0, 'ok', 'append', '0', '"x 0 0 y"'),
        line(1, 'ok', 'get', '0', '""'),
        line(2, 'invoke', 'put', '1', '"a\\"b"'),
        line(2, 'fail', 'put', '1', '"a\\"b"'),
        line(3, 'invoke', 'put', '1', '"z"'),
        line(3, 'info', 'put', '1', '"z"'),
        line(4, 'invoke', 'get', '1', 'nil'),
      ].join('\n'),
    );
    expect(h).toEqual([
      { id: 0, client: '0', call: 0, return: 2, input: { f: 'append', key: '0', value: 'x 0 0 y' }, output: { ok: true } },
      { id: 1, client: '1', call: 1, return: 3, input: { f: 'get', key: '0' }, output: { ok: true, value: '' } },
      { id: 2, client: '3', call: 6, return: Infinity, input: { f: 'put', key: '1', value: 'z' }, output: undefined },
      { id: 3, client: '4', call: 8, return: Infinity, input: { f: 'get', key: '1' }, output: undefined },
    ]);
    // Porcupine's model reads "" for a missing key; ours (absent = null) does not.
    expect(checkLinearizability(h, kvModel({ initial: '' })).verdict).toBe('linearizable');
    expect(checkLinearizability(h, kvModel()).verdict).toBe('not linearizable');
  });

  it('throws naming the line and the problem', () => {
    expect(() => parsePorcupineKvLog(line(0, 'invoke', 'delete', '0', 'nil'))).toThrow(/^kv log line 1: not a kv log line/);
    expect(() => parsePorcupineKvLog(line(0, 'invoke', 'put', '0', 'nil'))).toThrow('kv log line 1: :invoke :put needs a string value, got nil');
    expect(() => parsePorcupineKvLog(line(0, 'invoke', 'put', '0', '"\\q"'))).toThrow('kv log line 1: cannot read the string "\\q"');
    expect(() => parsePorcupineKvLog([line(0, 'invoke', 'get', '0', 'nil'), line(0, 'ok', 'get', '1', '""')].join('\n'))).toThrow(
      `kv log line 2: completes :get "1" but process 0's open op (line 1) is :get "0"`,
    );
  });
});
