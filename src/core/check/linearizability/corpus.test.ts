/**
 * Every history of Porcupine's test corpus, checked against the verdict Porcupine's own tests expect
 * (../shared/corpora/porcupine/VERDICTS.md and verdicts.tsv). The corpus is not copied into the
 * repository: it must sit in ../shared/corpora beside the clone, and this file fails without it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkLinearizability, type CheckResult } from './check';
import { parseJepsenEtcdLog, parsePorcupineKvLog } from './formats';
import { kvModel, kvStoreModel, registerModel } from './models';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const corpus = resolve(repoRoot, '../shared/corpora/porcupine');
const table = join(corpus, 'verdicts.tsv');
const present = existsSync(table);

/** Row is one line of verdicts.tsv. */
interface Row {
  file: string;
  model: string;
  expected: string;
  ops: number;
  infos: number;
  failReads: number;
}

function readRows(): Row[] {
  const [header, ...lines] = readFileSync(table, 'utf8').trim().split('\n');
  expect(header).toBe('file\tmodel\texpected\tops\tprocess_ids\tinfo_timeouts(write/cas)\tfail_read_timeouts\tbytes');
  return lines.map((line) => {
    const [file = '', model = '', expected = '', ops = '', , infos = '', failReads = ''] = line.split('\t');
    return { file, model, expected, ops: Number(ops), infos: Number(infos), failReads: Number(failReads) };
  });
}

const rows = present ? readRows() : [];
const withVerdict = rows.filter((r) => r.expected !== 'NO_TEST(empty file)');
const verdictOf = (expected: string) => (expected === 'NOT_linearizable' ? 'not linearizable' : expected);
const text = (file: string) => readFileSync(join(corpus, file), 'utf8');

function check(row: Row): CheckResult {
  if (row.model === 'etcd_register') return checkLinearizability(parseJepsenEtcdLog(text(row.file)), registerModel);
  if (row.model === 'kv_get_put_append') return checkLinearizability(parsePorcupineKvLog(text(row.file)), kvModel({ initial: '' }));
  throw new Error(`${row.file}: unknown model ${row.model} in verdicts.tsv`);
}

describe('Porcupine corpus', () => {
  it('is present at ../shared/corpora/porcupine beside the repository', () => {
    if (!present) {
      throw new Error(`Porcupine corpus not found: expected ${table}. Clone the shared corpora next to this repository (../shared/corpora); the test data is deliberately not copied in.`);
    }
  });

  it('lists 102 etcd logs and 6 kv logs with a verdict, plus the empty etcd_095', () => {
    expect(rows).toHaveLength(109);
    expect(withVerdict.filter((r) => r.model === 'etcd_register')).toHaveLength(102);
    expect(withVerdict.filter((r) => r.model === 'kv_get_put_append')).toHaveLength(6);
    expect(withVerdict.filter((r) => r.expected === 'linearizable')).toHaveLength(26);
    expect(rows.filter((r) => r.expected === 'NO_TEST(empty file)').map((r) => r.file)).toEqual(['test_data/jepsen/etcd_095.log']);
  });

  it.each(withVerdict.map((r) => [r.file, verdictOf(r.expected), r] as const))('%s is %s', (_file, expected, row) => {
    expect(check(row).verdict).toBe(expected);
  });

  it('parses each log into as many ops as it has invocations, :info ones open until the end', () => {
    for (const row of rows) {
      const h = row.model === 'etcd_register' ? parseJepsenEtcdLog(text(row.file)) : parsePorcupineKvLog(text(row.file));
      expect([row.file, h.length]).toEqual([row.file, row.ops]);
      expect([row.file, h.filter((o) => o.return === Infinity).length]).toEqual([row.file, row.infos]);
      expect([row.file, h.filter((o) => o.return !== Infinity && o.output === undefined).length]).toEqual([row.file, row.failReads]);
    }
    expect(rows.length).toBe(109);
  });

  it('accepts the empty etcd_095 as linearizable', () => {
    expect(check(rows.find((r) => r.file.endsWith('etcd_095.log'))!).verdict).toBe('linearizable');
  });

  it('decides c50-bad at its first illegal key, long before the expensive keys are searched out', () => {
    const r = check(rows.find((r) => r.file.endsWith('c50-bad.txt'))!);
    expect(r.verdict).toBe('not linearizable');
    expect(r.steps).toBeLessThan(500_000);
    expect(r.keys.filter((k) => k.verdict === 'not linearizable')).toHaveLength(1);
  });

  it('gives the same verdicts without partitioning by key (Porcupine’s kvNoPartitionModel) on c01', () => {
    for (const file of ['test_data/kv/c01-ok.txt', 'test_data/kv/c01-bad.txt']) {
      const row = rows.find((r) => r.file === file)!;
      const r = checkLinearizability(parsePorcupineKvLog(text(file)), kvStoreModel({ initial: '' }));
      expect([file, r.verdict, r.keys.length]).toEqual([file, verdictOf(row.expected), 1]);
    }
  });
});
