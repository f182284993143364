/** Time travel across log compaction (Raft §7): checkpoints taken before, during and after an InstallSnapshot transfer seek exactly. */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/schema';
import { advanceSync, LocalHosts } from '../../sim/run';
import { Simulation } from '../../sim/simulation';
import { TimeMachine, nodeSnapshots } from '../../travel/machine';
import { SNAPSHOT_EXAMPLES } from './examples-snapshot';
import type { RaftState } from './state';

describe('§7 time travel with snapshots', () => {
  it('a seek into the snapshot-install story lands in the state a straight run reaches, at every tenth of the run', () => {
    const scenario = parseScenario(SNAPSHOT_EXAMPLES['snapshot-install']);
    const sim = new Simulation(scenario);
    const hosts = new LocalHosts(sim.scenario);
    const machine = new TimeMachine<null>({ everyEvents: 25, max: 64 });
    machine.capture(sim, () => nodeSnapshots(hosts), () => null, true);
    while (sim.nextEventTime <= scenario.until) {
      if (sim.runLocal(hosts.step, scenario.until, 1)) machine.noteEvent(sim.now);
      machine.capture(sim, () => nodeSnapshots(hosts), () => null);
    }
    const total = sim.eventsProcessed;
    let compactedAt = 0; // seeks that land after n3 installed the snapshot
    for (let k = 9; k >= 1; k--) {
      const target = Math.floor((total * k) / 10);
      const seeked = machine.seek(sim, target);
      const straight = new Simulation(scenario);
      const straightHosts = new LocalHosts(straight.scenario);
      advanceSync(straight, straightHosts, { until: Infinity, maxEvents: target });
      for (const id of scenario.nodes) {
        expect(seeked.nodes.get(id)!.snapshot(), `${id} after a seek to event ${target}`).toEqual(straightHosts.nodes.get(id)!.snapshot());
      }
      if ((straightHosts.state('n3') as RaftState).snapshot) compactedAt++;
    }
    expect(total).toBeGreaterThan(300);
    expect(compactedAt).toBeGreaterThanOrEqual(2);
  });
});
