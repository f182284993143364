import { raftScopeScenario } from './workload';
import { runScenario } from '../src/core/sim/run';
const s = raftScopeScenario({ untilMs: 20_000 });
const c: Record<string, number> = {};
const { sim } = runScenario(s, { trace: (r) => { const k = r.type === 'client' ? 'client.' + r.phase : r.type; c[k] = (c[k] ?? 0) + 1; } });
console.log(c, sim.eventsProcessed, sim.leader());
