/** A browser Web Worker hosting one node (see node-api.ts). */
import { expose } from 'comlink';
import { nodeApi } from './node-api';

expose(nodeApi);
