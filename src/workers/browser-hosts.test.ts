import { describe, expect, it } from 'vitest';
import { OWN_WORKER_MAX, setWorkerPoolSize, workersFor } from './browser-hosts';

describe('workersFor: how many Web Workers host a cluster', () => {
  it('gives a small cluster one worker per node, whatever the cores', () => {
    expect(workersFor(1, 2, null)).toBe(1);
    expect(workersFor(5, 2, null)).toBe(5);
    expect(workersFor(OWN_WORKER_MAX, 16, null)).toBe(OWN_WORKER_MAX);
  });

  it('puts a big cluster on a pool of one worker per spare core, at least two', () => {
    expect(workersFor(50, 2, null)).toBe(2);
    expect(workersFor(50, 8, null)).toBe(7);
    expect(workersFor(100, 1, null)).toBe(2);
    expect(workersFor(OWN_WORKER_MAX + 1, 64, null)).toBe(OWN_WORKER_MAX + 1);
  });

  it('obeys an explicit pool size, never more workers than nodes', () => {
    expect(workersFor(9, 2, 1)).toBe(1);
    expect(workersFor(3, 2, 8)).toBe(3);
    expect(workersFor(100, 2, 4)).toBe(4);
  });

  it('refuses a pool size that is not a whole number of at least 1', () => {
    expect(() => setWorkerPoolSize(0)).toThrow(/at least 1 \(got 0\)/);
    expect(() => setWorkerPoolSize(2.5)).toThrow(/whole number/);
    setWorkerPoolSize(3);
    expect(workersFor(9, 2)).toBe(3);
    setWorkerPoolSize(null);
    expect(workersFor(9, 2)).toBe(9);
  });
});
