/**
 * The key-value state machine that consensus protocols replicate (Raft first, PBFT later), and the
 * client session table that makes retried requests take effect at most once (Raft paper §8).
 *
 * Both are plain `Map`s driven by free functions rather than classes, because a node's whole state is
 * `structuredClone`d for checkpoints and time travel, and a clone loses a class's prototype.
 */
import type { ClientId, KvOp, OpResult } from './types';

/** KvStore maps keys to string values; an absent key has no value (a get reads null). */
export type KvStore = Map<string, string>;

/** Session is what the state machine remembers of one client: its last applied request and that request's result. */
export interface Session {
  lastRequestId: number;
  result: OpResult;
}

/** Sessions is the client session table, by client id (Raft paper §8, "Client interaction"). */
export type Sessions = Map<ClientId, Session>;

/** createKv gives an empty store. */
export function createKv(): KvStore {
  return new Map();
}

/** createSessions gives an empty session table. */
export function createSessions(): Sessions {
  return new Map();
}

/**
 * applyOp applies `op` to `store` and gives its result:
 * - get: `{ok: true, value}` with the value, or null when the key is absent;
 * - put: overwrites, `{ok: true}`;
 * - append: concatenates to the current value (absent counts as ""), `{ok: true}`;
 * - cas: if the current value equals `expected` (an absent key equals nothing, not even ""), writes
 *   `value` and gives `{ok: true}`; otherwise changes nothing and gives
 *   `{ok: false, error: 'cas mismatch: expected "a", found "b"'}` (`found nothing` when absent).
 * Never throws.
 */
export function applyOp(store: KvStore, op: KvOp): OpResult {
  switch (op.f) {
    case 'get':
      return { ok: true, value: store.get(op.key) ?? null };
    case 'put':
      store.set(op.key, op.value);
      return { ok: true };
    case 'append':
      store.set(op.key, (store.get(op.key) ?? '') + op.value);
      return { ok: true };
    case 'cas': {
      const current = store.get(op.key);
      if (current !== op.expected) {
        const found = current === undefined ? 'nothing' : JSON.stringify(current);
        return { ok: false, error: `cas mismatch: expected ${JSON.stringify(op.expected)}, found ${found}` };
      }
      store.set(op.key, op.value);
      return { ok: true };
    }
    default: {
      const _never: never = op;
      throw new Error(`unknown op ${JSON.stringify(_never)}`);
    }
  }
}

/**
 * cachedResult gives the remembered result if `requestId` is the last request applied for `client`,
 * else undefined. A leader uses it to answer a retry at once without appending it again.
 */
export function cachedResult(sessions: Sessions, client: ClientId, requestId: number): OpResult | undefined {
  const session = sessions.get(client);
  return session !== undefined && session.lastRequestId === requestId ? session.result : undefined;
}

/**
 * isStale is true if `client` has already had a request newer than `requestId` applied: the client
 * has moved on, so an answer to this one can only be a leftover.
 */
export function isStale(sessions: Sessions, client: ClientId, requestId: number): boolean {
  const session = sessions.get(client);
  return session !== undefined && requestId < session.lastRequestId;
}

/**
 * applyOnce applies request `requestId` of `client` at most once (Raft paper §8): a request id at or
 * below the client's last applied one leaves `store` unchanged and gives the cached result (equal id)
 * or a `stale request` failure (lower id). Otherwise it applies `op` and records the result.
 * Assumes each client numbers its requests increasingly and has one outstanding at a time.
 */
export function applyOnce(store: KvStore, sessions: Sessions, client: ClientId, requestId: number, op: KvOp): OpResult {
  const session = sessions.get(client);
  if (session !== undefined && requestId <= session.lastRequestId) {
    if (requestId === session.lastRequestId) return session.result;
    return { ok: false, error: `stale request ${requestId}: ${client} is already at request ${session.lastRequestId}` };
  }
  const result = applyOp(store, op);
  if (session === undefined) sessions.set(client, { lastRequestId: requestId, result });
  else {
    session.lastRequestId = requestId;
    session.result = result;
  }
  return result;
}

/** kvContents gives the store as a plain object sorted by key, for panels and traces. */
export function kvContents(store: KvStore): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of [...store.keys()].sort()) Object.defineProperty(out, key, { value: store.get(key)!, enumerable: true, writable: true, configurable: true });
  return out;
}
