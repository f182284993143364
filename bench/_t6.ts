import { Worker } from 'node:worker_threads';
import { wrap } from 'comlink';
// @ts-expect-error x
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
const src = `import('comlink').then(async (C) => { const { default: ne } = await import('comlink/dist/esm/node-adapter.mjs'); const { parentPort } = await import('node:worker_threads'); C.expose({ step: (calls) => calls.map(() => ({ effects: [{k:'send', to:'n2', msg:{type:'AppendEntries', term: 3, entries: []}}], summary: {role:'leader', term: 3, votedFor: 'n1', commitIndex: 5, lastLogIndex: 5, lastApplied: 5} })) }, ne(parentPort)); });`;
const w = new Worker(src, { eval: true });
const r = wrap<{ step(c: unknown[]): unknown[] }>(nodeEndpoint(w));
const N = 20000;
const call = { node: 'n1', now: 5, input: { kind: 'message', from: 'n2', msg: { type: 'AppendEntriesReply', term: 3, success: true, matchIndex: 5 } } };
for (let k = 0; k < 3; k++) { const t = performance.now(); for (let i = 0; i < N; i++) await r.step([call]); const dt = performance.now() - t; console.log('comlink round trip µs', (dt * 1000 / N).toFixed(1)); }
await w.terminate();
