/**
 * A Node worker_threads entry hosting one node (see node-api.ts): the same nodeApi the browser's
 * Web Worker exposes, over comlink's Node adapter on `parentPort`. Started by thread-hosts.ts.
 */
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { nodeApi } from './node-api';

if (!parentPort) throw new Error('node.thread.ts must run in a worker_thread (see thread-hosts.ts)');
expose(nodeApi, nodeEndpoint(parentPort));
