// @ts-expect-error -- see node.thread.ts
import nodeEndpointUntyped from 'comlink/dist/esm/node-adapter.mjs';
import type nodeEndpointType from 'comlink/dist/esm/node-adapter';
import * as C from 'comlink';
import { wrap } from 'comlink';
const nodeEndpoint: typeof nodeEndpointType = nodeEndpointUntyped;
console.log(typeof nodeEndpoint, Object.keys(C).slice(0,5), typeof wrap, import.meta.resolve?.('comlink'));
