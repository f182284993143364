/**
 * A Node worker_threads entry hosting one node (see node-api.ts): the same nodeApi the browser's
 * Web Worker exposes, over comlink's Node adapter on `parentPort`. Started by thread-hosts.ts.
 */
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
// @ts-expect-error -- comlink ships node-adapter.d.ts, which TypeScript does not pair with the .mjs path Node needs
import nodeEndpointUntyped from 'comlink/dist/esm/node-adapter.mjs';
import type nodeEndpointType from 'comlink/dist/esm/node-adapter';
import { nodeApi } from './node-api';

const nodeEndpoint: typeof nodeEndpointType = nodeEndpointUntyped;

if (!parentPort) throw new Error('node.thread.ts must run in a worker_thread (see thread-hosts.ts)');
expose(nodeApi, nodeEndpoint(parentPort));
