/** createWorkerHosts starts one browser Web Worker per node of a scenario and boots each node in it. */
import { wrap, releaseProxy } from 'comlink';
import type { Scenario } from '../core/scenario/types';
import { bootsOf } from '../core/sim/run';
import type { NodeApi } from './node-api';
import { RemoteHosts } from './remote-hosts';

/** createWorkerHosts gives hosts whose nodes each run in their own Web Worker. */
export async function createWorkerHosts(scenario: Scenario): Promise<RemoteHosts> {
  const workers: Worker[] = [];
  const remotes = new Map<string, ReturnType<typeof wrap<NodeApi>>>();
  for (const boot of bootsOf(scenario)) {
    const w = new Worker(new URL('./node.worker.ts', import.meta.url), { type: 'module', name: `node ${boot.id}` });
    workers.push(w);
    const remote = wrap<NodeApi>(w);
    remotes.set(boot.id, remote);
  }
  await Promise.all(bootsOf(scenario).map((b) => remotes.get(b.id)!.boot(b)));
  return new RemoteHosts(remotes, () => {
    for (const r of remotes.values()) r[releaseProxy]();
    for (const w of workers) w.terminate();
  });
}
