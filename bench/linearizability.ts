/**
 * Benchmark of the linearizability checker (src/core/check/linearizability) on Porcupine's test
 * corpus (../shared/corpora/porcupine: 103 Jepsen etcd logs, 6 kv logs; see its VERDICTS.md):
 * wall time of parse + check for each file, after one untimed warm-up pass.
 *
 * Run on its own: `npx tsx bench/linearizability.ts` prints a table (file, ops, ms, verdict,
 * expected) and the total; exits 1 if a verdict differs from the expected one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLinearizability } from '../src/core/check/linearizability/check';
import { parseJepsenEtcdLog, parsePorcupineKvLog } from '../src/core/check/linearizability/formats';
import { kvModel, registerModel } from '../src/core/check/linearizability/models';

const corpus = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/corpora/porcupine');

/** LinearizabilityBenchRow is one corpus file: wall ms of parse + check, the verdict found and the one expected ('none' for the empty etcd_095). */
export interface LinearizabilityBenchRow {
  file: string;
  ops: number;
  ms: number;
  verdict: string;
  expected: string;
}

/** checkFile parses and checks one corpus file (path relative to the corpus directory). */
function checkFile(file: string, model: string): { ops: number; verdict: string } {
  const text = readFileSync(join(corpus, file), 'utf8');
  if (model === 'etcd_register') {
    const h = parseJepsenEtcdLog(text);
    return { ops: h.length, verdict: checkLinearizability(h, registerModel).verdict };
  }
  const h = parsePorcupineKvLog(text);
  return { ops: h.length, verdict: checkLinearizability(h, kvModel({ initial: '' })).verdict };
}

/**
 * benchLinearizability times the check of every file of verdicts.tsv (109 rows), in ms of wall time
 * (performance.now), after a warm-up pass. Throws if the corpus directory is missing.
 */
export async function benchLinearizability(): Promise<{ files: LinearizabilityBenchRow[]; totalMs: number }> {
  const table = join(corpus, 'verdicts.tsv');
  if (!existsSync(table)) throw new Error(`Porcupine corpus not found: expected ${table} (../shared/corpora beside the repository)`);
  const rows = readFileSync(table, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .map(([file = '', model = '', expected = '']) => ({ file, model, expected }));
  for (const { file, model } of rows) checkFile(file, model); // warm-up: JIT and file cache
  const files: LinearizabilityBenchRow[] = [];
  for (const { file, model, expected } of rows) {
    const start = performance.now();
    const { ops, verdict } = checkFile(file, model);
    const ms = performance.now() - start;
    files.push({ file, ops, ms, verdict, expected: expected === 'NOT_linearizable' ? 'not linearizable' : expected === 'linearizable' ? expected : 'none' });
    await Promise.resolve();
  }
  return { files, totalMs: files.reduce((sum, f) => sum + f.ms, 0) };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { files, totalMs } = await benchLinearizability();
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(`${pad('file', 32)}${'ops'.padStart(6)}${'ms'.padStart(10)}  ${pad('verdict', 18)}expected`);
  let mismatches = 0;
  for (const f of files) {
    const bad = f.expected !== 'none' && f.verdict !== f.expected;
    if (bad) mismatches++;
    console.log(`${pad(f.file, 32)}${String(f.ops).padStart(6)}${f.ms.toFixed(1).padStart(10)}  ${pad(f.verdict, 18)}${f.expected}${bad ? '  MISMATCH' : ''}`);
  }
  const slowest = [...files].sort((a, b) => b.ms - a.ms).slice(0, 3);
  console.log(`\n${files.length} files, total ${totalMs.toFixed(0)} ms; slowest: ${slowest.map((f) => `${f.file} ${f.ms.toFixed(0)} ms`).join(', ')}`);
  console.log(mismatches === 0 ? 'every verdict matches' : `${mismatches} verdicts differ from the expected ones`);
  if (mismatches > 0) process.exitCode = 1;
}
