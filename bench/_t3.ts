import { raftScopeScenario } from './workload';
import { runScenario } from '../src/core/sim/run';
const s = raftScopeScenario({ untilMs: 120_000 });
console.log(s.timeline.length);
for (let i = 0; i < 4; i++) {
  let n = 0;
  const t = performance.now();
  const { sim } = runScenario(s, i % 2 ? { trace: (r) => { n += JSON.stringify(r).length; } } : {});
  const dt = performance.now() - t;
  console.log(i % 2 ? 'trace' : 'notrace', dt.toFixed(0), 'ms', (120 / (dt / 1000)).toFixed(0), 'x', sim.eventsProcessed, (sim.eventsProcessed / dt * 1000).toFixed(0), 'ev/s', n);
}
