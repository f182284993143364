/**
 * A small harness for PBFT tests: replicas stepped by hand-built inputs through a fake env that
 * records every effect, a synchronous pump that delivers sends among a few replicas, builders of
 * authentic messages (the test acts as the named replica, holding its key), and whole-cluster runs
 * through the scenario schema and the checked run (safety monitor on every event).
 */
import { CheckedRun } from '../../check/checked-run';
import { Rng } from '../../prng';
import type { Input } from '../../protocol';
import { pumpWith, stepWith, type Effects as HarnessEffects, type HarnessNode } from '../../testing/step-harness';
import { parseScenario } from '../../scenario/schema';
import type { TraceRecord } from '../../trace';
import type { ClientId, NodeId, KvOp } from '../../types';
import { issueKey, requestDigest, sign, signAsClient, type SignedRequest } from './auth';
import { PBFT_DEFAULTS, type PbftConfig } from './config';
import { pbft } from './index';
import type { Checkpoint, Commit, PbftMessage, PrePrepare, Prepare } from './messages';
import type { PbftState } from './state';

/** Effects is what one step asked for, in order per kind. */
export type Effects = HarnessEffects<PbftMessage>;

/** TestNode is one replica under test: its state, its random stream, its clock (virtual ms) and armed timers. */
export type TestNode = HarnessNode<PbftState>;

/** N4 and N7 are clusters of 3f+1 replicas for f = 1 and f = 2. */
export const N4 = ['n1', 'n2', 'n3', 'n4'];
export const N7 = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'];

/** makeNode gives a fresh replica `id` of cluster `nodes`, with PBFT_DEFAULTS overridden by `config`. */
export function makeNode(id: NodeId, nodes: readonly NodeId[] = N4, config: Partial<PbftConfig> = {}, seed = 1): TestNode {
  return { id, state: pbft.init(id, nodes, { ...PBFT_DEFAULTS, ...config }), rng: Rng.derive(seed, 'node:' + id), now: 0, timers: new Map() };
}

/** makeCluster gives one fresh replica per id of `nodes`. */
export const makeCluster = (nodes: readonly NodeId[] = N4, config: Partial<PbftConfig> = {}): TestNode[] => nodes.map((id) => makeNode(id, nodes, config));

/** stepNode runs one input on `node` and gives the effects it asked for. */
export function stepNode(node: TestNode, input: Input<PbftMessage>): Effects {
  return stepWith(pbft, node, input, false);
}

/** deliver hands `msg` from `from` to `node`. */
export const deliver = (node: TestNode, from: NodeId, msg: PbftMessage): Effects => stepNode(node, { kind: 'message', from, msg });

/** fireTimer fires timer `name` on `node`. */
export const fireTimer = (node: TestNode, name: string): Effects => stepNode(node, { kind: 'timer', name });

/** request has a client send `node` a request. */
export const request = (node: TestNode, client: ClientId, requestId: number, op: KvOp): Effects => stepNode(node, { kind: 'request', client, requestId, op });

/** sendsOf keeps the sends of type `type`, narrowed. */
export function sendsOf<T extends PbftMessage['type']>(fx: Effects, type: T): { to: NodeId; msg: Extract<PbftMessage, { type: T }> }[] {
  return fx.sends.filter((s): s is { to: NodeId; msg: Extract<PbftMessage, { type: T }> } => s.msg.type === type);
}

/** allSends flattens the sends of several steps. */
export const allSends = (fxs: readonly Effects[]): Effects['sends'] => fxs.flatMap((f) => f.sends);

/**
 * pump delivers `sends` (from `from`) and everything they cause, first in first out, among `nodes`
 * (sends to others are dropped, as are those `drop` rejects), until quiet. Gives every step's effects.
 * @throws Error after `limit` deliveries.
 */
export function pump(
  nodes: readonly TestNode[],
  from: NodeId,
  sends: Effects['sends'],
  drop: (from: NodeId, to: NodeId, msg: PbftMessage) => boolean = () => false,
  limit = 20_000,
): Effects[] {
  return pumpWith(nodes, from, sends, deliver, drop, limit);
}

/** clientRequest gives a client-signed request. */
export const clientRequest = (client: ClientId, requestId: number, op: KvOp): SignedRequest => signAsClient({ client, requestId, op });

/** put is a put op. */
export const put = (key: string, value: string): KvOp => ({ f: 'put', key, value });

/** as signs `body` as replica `id` (the test holds every replica's key). */
export const as = <T extends object>(id: NodeId, body: T): T & { auth: string } => sign(issueKey(id), body);

/** prePrepare builds an authentic PrePrepare from `primary` for `request` (null: the null request). */
export const prePrepare = (primary: NodeId, view: number, seq: number, request: SignedRequest | null): PrePrepare =>
  as(primary, { type: 'PrePrepare' as const, view, seq, digest: requestDigest(request), request, replica: primary });

/** prepare builds an authentic Prepare from `replica`. */
export const prepare = (replica: NodeId, view: number, seq: number, digest: string): Prepare => as(replica, { type: 'Prepare' as const, view, seq, digest, replica });

/** commit builds an authentic Commit from `replica`. */
export const commit = (replica: NodeId, view: number, seq: number, digest: string): Commit => as(replica, { type: 'Commit' as const, view, seq, digest, replica });

/** checkpoint builds an authentic Checkpoint from `replica`. */
export const checkpoint = (replica: NodeId, seq: number, digest: string): Checkpoint => as(replica, { type: 'Checkpoint' as const, seq, digest, replica });

/** PBFT_BASE is the skeleton of a PBFT scenario. */
export const PBFT_BASE = { version: 1, protocol: 'pbft', seed: 1, nodes: 4, until: 8000 } as const;

/** scenario parses a PBFT scenario from PBFT_BASE overridden by `extra`. */
export const scenario = (extra: Record<string, unknown>) => parseScenario({ ...PBFT_BASE, ...extra });

/** putAt gives a timeline request action: client `client` puts key = value at `at`, at `node` if given. */
export const putAt = (at: number, client: string, key: string, value: string, node?: string) => ({
  at, action: 'request', client, op: { f: 'put', key, value }, ...(node ? { node } : {}),
});

/** getAt gives a timeline get action. */
export const getAt = (at: number, client: string, key: string, node?: string) => ({ at, action: 'request', client, op: { f: 'get', key }, ...(node ? { node } : {}) });

/** ClusterRun is a finished checked run with helpers to read it. */
export interface ClusterRun {
  run: CheckedRun;
  trace: TraceRecord[];
  /** The client records of one phase. */
  clients(phase: 'invoke' | 'ok' | 'fail' | 'info'): Extract<TraceRecord, { type: 'client' }>[];
  notes(): string[];
  state(id: NodeId): PbftState;
}

/** runCluster runs a parsed scenario to its end with the safety monitor watching every event. */
export function runCluster(sc: ReturnType<typeof parseScenario>): ClusterRun {
  const trace: TraceRecord[] = [];
  const run = new CheckedRun(sc, { trace: (r) => trace.push(r) }).runToEnd(false);
  return {
    run,
    trace,
    clients: (phase) => trace.filter((r): r is Extract<TraceRecord, { type: 'client' }> => r.type === 'client' && r.phase === phase),
    notes: () => trace.filter((r): r is Extract<TraceRecord, { type: 'note' }> => r.type === 'note').map((r) => r.text),
    state: (id) => run.hosts.state(id) as PbftState,
  };
}
