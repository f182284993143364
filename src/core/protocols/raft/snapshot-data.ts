/**
 * A snapshot's state-machine image (Raft §7, Figure 12): the key-value store and the client session
 * table, which §8's deduplication needs after a restart or an InstallSnapshot. Encoded as one JSON
 * string with keys and clients sorted, so equal states give equal images, byte for byte.
 */
import type { KvStore, Sessions } from '../../kv';

/** encodeStateMachine gives the image of `kv` and `sessions`: JSON `{"kv":[[key,value]…],"sessions":[[client,session]…]}`, sorted. */
export function encodeStateMachine(kv: KvStore, sessions: Sessions): string {
  const byKey = <T>(a: [string, T], b: [string, T]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  return JSON.stringify({ kv: [...kv].sort(byKey), sessions: [...sessions].sort(byKey) });
}

/**
 * decodeStateMachine gives a fresh store and session table from an image made by
 * {@link encodeStateMachine}. Throws Error if `data` is not such an image (a corrupt snapshot).
 */
export function decodeStateMachine(data: string): { kv: KvStore; sessions: Sessions } {
  const parsed: unknown = JSON.parse(data);
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { kv?: unknown }).kv) || !Array.isArray((parsed as { sessions?: unknown }).sessions)) {
    throw new Error('raft: a snapshot image must be {"kv": [...], "sessions": [...]}');
  }
  const image = parsed as { kv: [string, string][]; sessions: [string, Sessions extends Map<string, infer V> ? V : never][] };
  return { kv: new Map(image.kv), sessions: new Map(image.sessions) };
}
