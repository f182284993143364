/**
 * The key-value client operations Raft and PBFT serve (get, put, append, cas, as in Jepsen's and
 * Porcupine's histories): their schema, their words and their seeded workload, as one
 * {@link ClientOps} that a key-value protocol's registry entry names.
 */
import * as v from 'valibot';
import { workloadTimeline } from './chaos/workload';
import { opText } from './describe';
import type { ClientOps } from './protocols/plugin';
import { key, kind, value } from './scenario/fields';
import type { KvOp } from './types';

const KV_OP_NAMES = ['get', 'put', 'append', 'cas'] as const;

/** kvOpSchema validates one key-value op; its messages name the op and its fields. */
export const kvOpSchema = v.variant(
  'f',
  [
    kind('get', { f: v.literal('get'), key }),
    kind('put', { f: v.literal('put'), key, value: value() }),
    kind('append', { f: v.literal('append'), key, value: value() }),
    kind('cas', { f: v.literal('cas'), key, expected: value(), value: value() }),
  ],
  (issue) => {
    if (!issue.path) return '{field} must be an object such as {"f": "get", "key": "x"} (got {got})';
    if (issue.input === undefined) return `{field} is missing (known: ${KV_OP_NAMES.join(', ')})`;
    return `unknown operation {got} in {field} (known: ${KV_OP_NAMES.join(', ')})`;
  },
);

/** KV_OPS is the key-value ops' declaration for a registry entry (Raft, PBFT). */
export const KV_OPS: ClientOps = {
  names: KV_OP_NAMES,
  schema: kvOpSchema as v.GenericSchema<unknown, KvOp>,
  example: { f: 'get', key: 'x' },
  describe: opText,
  workload: workloadTimeline,
};
