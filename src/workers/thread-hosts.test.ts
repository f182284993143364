/** createThreadHosts: boot, failure and shutdown behaviour of worker_thread hosts. */
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../core/scenario/examples';
import { runScenario, runScenarioAsync } from '../core/sim/run';
import type { TraceRecord } from '../core/trace';
import { createThreadHosts } from './thread-hosts';

describe('createThreadHosts', () => {
  it('hosts each node in a thread, re-boots for a fresh run, and rejects calls once terminated', async () => {
    const s = { ...defaultScenario(2, 5), until: 1500 };
    const hosts = await createThreadHosts(s);
    try {
      const ref: TraceRecord[] = [];
      runScenario(s, { trace: (r) => ref.push(r) });
      for (let i = 0; i < 2; i++) {
        if (i) await hosts.reboot(s);
        const got: TraceRecord[] = [];
        await runScenarioAsync(s, hosts, { trace: (r) => got.push(r) });
        expect(got).toEqual(ref);
      }
      await expect(hosts.reboot({ ...s, nodes: ['n1', 'x'] })).rejects.toThrow(/differ/);
    } finally {
      hosts.terminate();
    }
    // A call to a terminated thread fails instead of waiting forever.
    await expect(hosts.inspect('n1')).rejects.toThrow(/terminated/);
  });

  it('rejects, naming the cause, when a node cannot boot (and ends its threads)', async () => {
    const s = { ...defaultScenario(1, 5), protocol: 'no-such-protocol' };
    await expect(createThreadHosts(s)).rejects.toThrow(/unknown protocol "no-such-protocol"/);
  });

  it('rejects when a thread cannot start', async () => {
    const s = defaultScenario(1, 5);
    // A thread whose options make it fail at start-up: an invalid Node option.
    await expect(createThreadHosts(s, { execArgv: ['--no-such-node-option'] })).rejects.toThrow(/worker_thread|option/i);
  });
});
