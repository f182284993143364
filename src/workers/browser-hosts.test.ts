import { describe, expect, it } from 'vitest';
import { setWorkerPoolSize, workersFor } from './browser-hosts';

describe('workersFor: how many Web Workers host a cluster', () => {
  it('gives each node its own worker while every node can have a core (the page keeps one)', () => {
    expect(workersFor(1, 2, null)).toBe(1);
    expect(workersFor(5, 8, null)).toBe(5);
    expect(workersFor(7, 8, null)).toBe(7);
  });

  it('puts a bigger cluster on a pool of one worker per spare core, at least one', () => {
    expect(workersFor(9, 2, null)).toBe(1);
    expect(workersFor(9, 8, null)).toBe(7);
    expect(workersFor(50, 4, null)).toBe(3);
    expect(workersFor(100, 1, null)).toBe(1);
    expect(workersFor(100, 16, null)).toBe(15);
  });

  it('obeys an explicit pool size, never more workers than nodes', () => {
    expect(workersFor(9, 2, 9)).toBe(9);
    expect(workersFor(3, 2, 8)).toBe(3);
    expect(workersFor(100, 2, 4)).toBe(4);
  });

  it('refuses a pool size that is not a whole number of at least 1', () => {
    expect(() => setWorkerPoolSize(0)).toThrow(/at least 1 \(got 0\)/);
    expect(() => setWorkerPoolSize(2.5)).toThrow(/whole number/);
    setWorkerPoolSize(3);
    expect(workersFor(9, 2)).toBe(3);
    setWorkerPoolSize(null);
    expect(workersFor(9, 2)).toBe(1);
  });
});
