/** openOutput to a file: the file takes its name only once the whole output is written. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openOutput } from './output';

describe('openOutput', () => {
  it('a run that fails midway leaves the earlier file as it was; one that ends replaces it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'output-'));
    const path = join(dir, 'summary.json');
    writeFileSync(path, 'earlier');
    const failed = openOutput(path);
    failed.write('half of a ');
    failed.flush();
    expect(readFileSync(path, 'utf8')).toBe('earlier'); // never closed: the process died here
    const done = openOutput(path);
    done.write('x'.repeat(300_000));
    done.write('é\n');
    done.close();
    expect(readFileSync(path, 'utf8')).toBe('x'.repeat(300_000) + 'é\n');
    // The finished write took the partial file's place (one process writes one partial name).
    expect(readdirSync(dir)).toEqual(['summary.json']);
  });
});
