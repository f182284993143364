/**
 * Property test: over 200 seeds of random partitions, crashes, loss, duplication and forced
 * timeouts, Raft keeps Figure 3's safety properties at every event; once the faults stop, a leader
 * is elected within a bounded virtual time and every pending client operation completes.
 */
import { describe, expect, it } from 'vitest';
import { randomFaultScenario } from './random-scenario';
import { MonitoredRun } from './monitored-run';

const SEEDS = 200;
const FAULTS_END = 6000;
/** Bound on electing a leader after faults stop: a few election timeouts (max 300 ms) plus restarts. */
const LEADER_WITHIN_MS = 3000;

describe('Raft under random faults (property, 200 seeds)', () => {
  it('keeps safety at every event and recovers liveness once faults stop', () => {
    const failures: string[] = [];
    let faultsSeen = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const scenario = randomFaultScenario(seed, { faultsEndMs: FAULTS_END });
      const run = new MonitoredRun(scenario).runUntil(FAULTS_END + LEADER_WITHIN_MS);
      const leaderInTime = run.leader();
      run.runUntil(scenario.until);
      run.sim.finish();
      faultsSeen += run.records('fault').length;
      const why: string[] = run.monitor.violations.map((v) => `${v.property}: ${v.text}`);
      if (!leaderInTime) why.push(`no leader within ${LEADER_WITHIN_MS} ms after faults stopped`);
      const info = run.records('client').filter((r) => r.phase === 'info');
      if (info.length) why.push(`${info.length} client operations still pending at the end`);
      if (why.length) failures.push(`seed ${seed}: ${why.join('; ')}`);
    }
    expect(faultsSeen).toBeGreaterThan(SEEDS * 10); // the runs really injected faults
    expect(failures).toEqual([]);
  });
});
