import { raftScopeScenario } from './workload';
import { LocalHosts, runScenarioAsync } from '../src/core/sim/run';
import { Simulation } from '../src/core/sim/simulation';
import { createThreadHosts } from '../src/workers/thread-hosts';
const s = raftScopeScenario({ untilMs: 10_000 });
// window stats
{
  const sim = new Simulation(s); const h = new LocalHosts(sim.scenario);
  let w = 0, calls = 0, empty = 0;
  for (;;) { const win = sim.nextWindow(s.until); if (!win) break; w++; calls += win.calls.length; if (!win.calls.length) empty++; sim.commitWindow(win, h.run(win.calls)); }
  console.log('windows', w, 'calls', calls, 'empty', empty, 'events', sim.eventsProcessed, 'ev/window', (sim.eventsProcessed / w).toFixed(2));
}
const hosts = await createThreadHosts(s);
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  await hosts.reboot(s); const sim = await runScenarioAsync(s, hosts);
  const dt = performance.now() - t;
  console.log('threads', dt.toFixed(0), sim.eventsProcessed, (sim.eventsProcessed / dt * 1000).toFixed(0), 'ev/s');
}
hosts.terminate();
