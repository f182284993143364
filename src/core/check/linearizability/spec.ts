/**
 * Linearizability as a protocol's consistency model (ConsistencySpec): the client history of
 * key-value operations must be linearizable against a key-value store (Herlihy & Wing 1990),
 * checked per key with Wing & Gong's search and Lowe's memoization, as Porcupine does.
 */
import type { ConsistencySpec } from '../../protocols/plugin';
import { checkLinearizability } from './check';
import { historyFromTrace } from './history';
import { kvModel } from './models';

/** LINEARIZABLE_KV checks a key-value client history for linearizability; `extra` is `{ history, result }` for the history chart. */
export const LINEARIZABLE_KV: ConsistencySpec = {
  id: 'linearizability',
  title: 'Linearizable history',
  description: "The clients' operations could have taken effect one at a time, each between its call and its return, as on a single copy of the store; checked key by key",
  source: 'Herlihy & Wing 1990; checked as in Porcupine (Wing & Gong 1993, Lowe 2017)',
  check(input) {
    const history = historyFromTrace(input.history);
    const result = checkLinearizability(history, kvModel(), {
      ...(input.deadline ? { deadline: input.deadline } : {}),
      ...(input.maxSteps !== undefined ? { maxSteps: input.maxSteps, maxCacheEntries: Math.ceil(input.maxSteps / 2) } : {}),
    });
    const verdict = result.verdict === 'linearizable' ? 'ok' : result.verdict === 'not linearizable' ? 'fail' : 'unknown';
    return {
      verdict,
      ...(result.reason ? { reason: result.reason } : {}),
      operations: history.length,
      detail: `${result.keys.length} key${result.keys.length === 1 ? '' : 's'}`,
      extra: { history, result },
    };
  },
};
