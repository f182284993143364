/**
 * Simulated cryptography for PBFT: message digests and authenticators (Castro & Liskov 1999, §2:
 * "we use cryptographic techniques to prevent spoofing and replays and to detect corrupted
 * messages ... public-key signatures, message authentication codes, and message digests").
 *
 * The model. Every signer (replica `n3`, client `c1`) has a secret key. A tag is a hash of
 * (key, canonical JSON of the message without its tag). Verification looks the claimed signer's key
 * up in the key directory ({@link verifyTag}); signing takes a key the caller holds. The only key a
 * replica's code holds is its own (`state.key`, from {@link issueKey} at init), so a Byzantine
 * replica that claims another replica's identity signs with the wrong key and its tag fails. The
 * simulator cannot hide a string from code in the same process: unforgeability is a discipline of
 * this code (only verification and {@link signAsClient} consult the directory), which the tests check.
 *
 * Hashes are 32-bit FNV-1a: ample against accidents in runs of this size, and no defence against an
 * adversary who searches for collisions, which the simulated Byzantine behaviours never do.
 */
import type { ClientId, NodeId, KvOp } from '../../types';

/** canonical gives `x`'s JSON with object keys sorted at every depth, so equal values hash equally. */
export function canonical(x: unknown): string {
  if (x === null || typeof x !== 'object') return JSON.stringify(x) ?? 'null';
  if (Array.isArray(x)) return '[' + x.map((e) => (e === undefined ? 'null' : canonical(e))).join(',') + ']';
  const o = x as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonical(o[k])).join(',') + '}';
}

/** fnv1a gives the 32-bit FNV-1a hash of `text` from basis `basis`, as 8 hex digits. */
export function fnv1a(text: string, basis = 0x811c9dc5): string {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** digestOf gives the digest D(m) of a value (§4.2): 8 hex digits of its canonical JSON. */
export function digestOf(x: unknown): string {
  return fnv1a(canonical(x));
}

/** ClientRequest is the operation a client asks for (§4.1 `<REQUEST, o, t, c>`; t = requestId). */
export interface ClientRequest {
  client: ClientId;
  /** The client's request number: the paper's timestamp t, increasing per client, the same on retries. */
  requestId: number;
  op: KvOp;
}

/** SignedRequest is a client request with the client's signature (§4.1: requests are signed by clients). */
export interface SignedRequest extends ClientRequest {
  /** The client's tag over (client, requestId, op). */
  auth: string;
}

/** NULL_DIGEST is the digest of the null request, which new primaries use to fill gaps (§4.4). */
export const NULL_DIGEST = digestOf({ null: true });

/** requestDigest gives the digest of a request (its client, requestId and op; not its tag), or NULL_DIGEST for null. */
export function requestDigest(r: ClientRequest | null): string {
  return r === null ? NULL_DIGEST : digestOf({ client: r.client, requestId: r.requestId, op: r.op });
}

/** Key is a signer's secret (8 hex digits). */
export type Key = string;

/** issueKey gives the key of signer `id` (a replica id, or `client:` + a client id). The key directory. */
export function issueKey(id: string): Key {
  return fnv1a('pbft secret of ' + id, 0x2545f491);
}

/** tagOf computes the authenticator of `body` (a message without `auth`) under `key`: 16 hex digits. */
export function tagOf(key: Key, body: unknown): string {
  const text = canonical(body);
  return fnv1a(key + '|' + text) + fnv1a(text + '|' + key, 0x01000193);
}

/** Authenticated is any message carrying a tag. */
export interface Authenticated {
  auth: string;
}

/** bodyOf gives a message without its tag. */
function bodyOf<T extends Authenticated>(msg: T): Omit<T, 'auth'> {
  const { auth: _auth, ...body } = msg;
  void _auth;
  return body;
}

/**
 * sign gives `body` with the tag made under `key`. An honest replica passes its own key
 * (`state.key`) and its own id as signer; anything else yields a tag that fails verification.
 */
export function sign<T extends object>(key: Key, body: T): T & Authenticated {
  return { ...body, auth: tagOf(key, body) };
}

/** Messages are never mutated once sent, so a verdict can be cached per object. */
const verdicts = new WeakMap<object, string>();

/**
 * verifyTag checks that `msg.auth` is the tag of `msg` (without its tag) under the key of `signer`.
 * Pure; never throws.
 */
export function verifyTag(signer: string, msg: Authenticated): boolean {
  const cached = verdicts.get(msg);
  if (cached !== undefined) return cached === signer;
  const ok = typeof msg.auth === 'string' && tagOf(issueKey(signer), bodyOf(msg)) === msg.auth;
  if (ok) verdicts.set(msg, signer);
  return ok;
}

/**
 * signAsClient gives `request` with client `request.client`'s signature. Only the code path that
 * takes a client's `request` input calls it: it stands for the signature arriving with the client's
 * request, which the simulated clients do not compute themselves. Byzantine code never calls it.
 */
export function signAsClient(request: ClientRequest): SignedRequest {
  return sign(issueKey('client:' + request.client), { client: request.client, requestId: request.requestId, op: request.op });
}

/** verifyRequest checks a request's client signature. */
export function verifyRequest(r: SignedRequest): boolean {
  return typeof r.client === 'string' && verifyTag('client:' + r.client, r);
}

/** shortDigest gives the first 4 hex digits of a digest, for labels. */
export const shortDigest = (d: string): string => d.slice(0, 4);

/** ReplicaSigned is a replica's message: `replica` is the signer the tag is checked against. */
export interface ReplicaSigned extends Authenticated {
  replica: NodeId;
}

/** verifyReplica checks a replica message's tag against the replica it claims to come from. */
export function verifyReplica(msg: ReplicaSigned): boolean {
  return typeof msg.replica === 'string' && verifyTag(msg.replica, msg);
}
