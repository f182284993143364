/**
 * Scenario validation with valibot. `parseScenario` turns untrusted JSON (a file, a share URL, the
 * UI) into a normalised {@link Scenario}, or throws a {@link ScenarioError} naming every bad field.
 * The schemas' messages are sentences for people, with `{field}` and `{got}` filled in by
 * issues.ts, which also names the action: `timeline[43] (at 5200 ms): a get takes no value`.
 */
import * as v from 'valibot';
import { PROTOCOLS, protocolNames } from '../protocols/registry';
import { PARSE_CONFIG, ScenarioError, sectionFields, show, timelineIssue, wordIssues } from './issues';
import { kind, probability, wholeMs } from './fields';
import type { Op } from '../types';
import { SCENARIO_VERSION, SKEW_LIMITS, PAUSE_LIMITS, type NodeRef, type Scenario, type TimelineAction } from './types';

export { ScenarioError, type ScenarioIssue } from './issues';

/**
 * Limits on a scenario, so a bad one gives an error rather than a frozen tab. The node limits are
 * the playground's too: its node-count control offers sizes from minNodes to maxNodes, and maxNodes
 * is the largest cluster its canvas lays out legibly (concentric rings, none overlapping) and draws
 * at 20 fps or more playing flat out (see `npm run bench`).
 */
export const SCENARIO_LIMITS = {
  minNodes: 1,
  maxNodes: 100,
  /** The longest run (virtual ms): 24 virtual hours. */
  maxUntilMs: 86_400_000,
  maxTimelineActions: 10_000,
  maxLatencyMs: 600_000,
} as const;

const NODE_ID = /^[A-Za-z][A-Za-z0-9_-]{0,15}$/;
/** REGION_NAME is a partition action's drawing hint per group (see TimelineAction `partition`). */
const REGION_NAME = /^[A-Za-z0-9_-]{1,16}$/;

/** [min, max] virtual ms: exactly two whole numbers, min ≤ max ≤ the latency limit. */
const latencyRange = () =>
  v.pipe(
    v.custom<unknown[]>((x) => Array.isArray(x) && x.length === 2, '{field} must be [min, max] in virtual ms (got {got})'),
    v.strictTuple([
      wholeMs(),
      v.pipe(wholeMs(), v.maxValue(SCENARIO_LIMITS.maxLatencyMs, `{field} must be at most ${SCENARIO_LIMITS.maxLatencyMs} virtual ms (got {got})`)),
    ]),
    v.check(([lo, hi]) => lo <= hi, '{field} must be [min, max] with min ≤ max (got {got})'),
  );
/** OpSchema validates a request's op: the protocol's own (ProtocolEntry.ops.schema), else any object. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type OpSchema = v.GenericSchema<any, Op>;
/** anyOp: an op's shape only, for an unknown protocol (the protocol field's own issue says why). */
const anyOp: OpSchema = v.looseObject({ f: v.string() }, '{field} must be an object such as {"f": "get", "key": "x"} (got {got})') as OpSchema;
/** opSchemaOf gives `protocol`'s op schema, or {@link anyOp} when the protocol is unknown. */
const opSchemaOf = (protocol: unknown): OpSchema => (typeof protocol === 'string' && Object.hasOwn(PROTOCOLS, protocol) ? PROTOCOLS[protocol]!.ops.schema : anyOp);

/** ROLE_REF: a `role:R` node reference (NodeRef), R a role id such as `coordinator`. */
const ROLE_REF = /^role:[a-z][a-z0-9-]{0,31}$/;

const ACTIONS = ['crash', 'restart', 'isolate', 'partition', 'heal', 'link', 'timeout', 'input', 'skew', 'pause', 'request', 'manual', 'deliver', 'drop', 'duplicate', 'fire', 'byzantine'];

function timelineSchema(ids: readonly string[], opSchema: OpSchema) {
  const nodeId = v.picklist(ids, `{field} names an unknown node {got} (known: ${ids.join(', ')})`);
  const refs = new Set<unknown>([...ids, 'leader']);
  const nodeRef = v.custom<NodeRef>(
    (x) => refs.has(x) || (typeof x === 'string' && ROLE_REF.test(x)),
    `{field} names an unknown node {got} (known: ${ids.join(', ')}, or "leader")`,
  );
  const at = wholeMs();
  const action = <const N extends string, const E extends v.ObjectEntries>(name: N, entries: E) =>
    kind(name, { at, action: v.literal(name), ...entries });
  const msgIdWords = '{field} must be a message id: a whole number from 1 (got {got})';
  const msgId = v.pipe(v.number(msgIdWords), v.integer(msgIdWords), v.minValue(1, msgIdWords));
  const rateWords = `{field} must be a number from ${SKEW_LIMITS.min} to ${SKEW_LIMITS.max} (got {got})`;
  const pauseWords = `{field} must be a whole number of virtual ms from ${PAUSE_LIMITS.minMs} to ${PAUSE_LIMITS.maxMs} (got {got})`;
  const timerWords = '{field} must be a timer name such as "election" (got {got})';
  const behaviourWords = '{field} must be a behaviour name such as "equivocate", or "honest" (got {got})';
  const clientWords = '{field} must be a short id such as "c1" (got {got})';
  const regionWords = '{field} must be a region name: 1 to 16 letters, digits, _ or - (got {got})';
  return v.pipe(
    v.array(
      v.variant(
        'action',
        [
          action('crash', { node: nodeRef, loseUnsynced: v.optional(v.boolean('{field} must be true or false (got {got})')) }),
          action('restart', { node: v.optional(nodeRef) }),
          action('isolate', { node: nodeRef }),
          v.pipe(
            action('partition', {
              groups: v.pipe(
                v.array(
                  v.pipe(v.array(nodeId, '{field} must be a list of node ids (got {got})'), v.minLength(1, '{field} must not be empty: a partition group holds at least one node')),
                  '{field} must be a list of groups of node ids, e.g. [["n1"], ["n2", "n3"]] (got {got})',
                ),
                v.minLength(1, '{field} must hold at least one group'),
                v.check((gs) => new Set(gs.flat()).size === gs.flat().length, (i) => `a node may be in only one partition group (${show(twice(i.input.flat()))} is in two)`),
              ),
              regions: v.optional(
                v.array(v.pipe(v.string(regionWords), v.regex(REGION_NAME, regionWords)), '{field} must be a list of region names, one per group (got {got})'),
              ),
            }),
            v.check((p) => p.regions === undefined || p.regions.length === p.groups.length, (i) => `regions must name one region per group (${i.input.groups.length} groups, ${i.input.regions!.length} regions)`),
          ),
          action('heal', {}),
          v.pipe(
            action('link', {
              from: nodeId,
              to: nodeId,
              latencyMs: v.optional(latencyRange()),
              loss: v.optional(probability()),
              duplicate: v.optional(probability()),
              cut: v.optional(v.boolean('{field} must be true or false (got {got})')),
            }),
            v.check((l) => l.from !== l.to, (i) => `a link joins two different nodes (from and to are both ${show(i.input.from)})`),
          ),
          action('timeout', { node: nodeRef }),
          action('input', {
            node: nodeRef,
            name: v.pipe(v.string('{field} must be the name of a node action (got {got})'), v.regex(/^[a-z][a-z0-9-]{0,31}$/, '{field} must be a node action id such as "propose" (got {got})')),
            args: v.optional(v.record(v.string(), v.unknown(), '{field} must be an object of arguments (got {got})')),
          }),
          action('skew', { node: nodeRef, rate: v.pipe(v.number(rateWords), v.minValue(SKEW_LIMITS.min, rateWords), v.maxValue(SKEW_LIMITS.max, rateWords)) }),
          action('pause', { node: nodeRef, ms: v.pipe(v.number(pauseWords), v.integer(pauseWords), v.minValue(PAUSE_LIMITS.minMs, pauseWords), v.maxValue(PAUSE_LIMITS.maxMs, pauseWords)) }),
          action('request', {
            op: opSchema,
            client: v.optional(v.pipe(v.string(clientWords), v.regex(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/, clientWords))),
            node: v.optional(nodeRef),
          }),
          action('manual', { enabled: v.boolean('{field} must be true or false (got {got})') }),
          action('deliver', { id: msgId }),
          action('drop', { id: msgId }),
          action('duplicate', { id: msgId }),
          action('fire', { node: nodeId, timer: v.pipe(v.string(timerWords), v.regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, timerWords)) }),
          action('byzantine', { node: nodeRef, behaviour: v.pipe(v.string(behaviourWords), v.regex(/^[a-z][a-z0-9-]{0,31}$/, behaviourWords)) }),
        ],
        (issue) => {
          if (!issue.path) return 'an action must be an object such as {"at": 100, "action": "heal"} (got {got})';
          if (issue.input === undefined) return `{field} is missing (known: ${ACTIONS.join(', ')})`;
          return `unknown action {got} (known: ${ACTIONS.join(', ')})`;
        },
      ),
      '{field} must be a list of actions (got {got})',
    ),
    v.maxLength(SCENARIO_LIMITS.maxTimelineActions, (i) => `{field} may hold at most ${SCENARIO_LIMITS.maxTimelineActions} actions (it has ${i.received})`),
  );
}

/** twice gives the first item that occurs twice in `xs`. */
function twice<T>(xs: readonly T[]): T | undefined {
  const seen = new Set<T>();
  for (const x of xs) {
    if (seen.has(x)) return x;
    seen.add(x);
  }
  return undefined;
}

const { minNodes, maxNodes } = SCENARIO_LIMITS;
const nodeCountWords = `{field} must be a whole number from ${minNodes} to ${maxNodes} (got {got})`;
const nodeIdWords = '{field} must be a node id: a letter, then up to 15 letters, digits, _ or - (got {got})';
const nodeCount = v.pipe(v.number(), v.integer(nodeCountWords), v.minValue(minNodes, nodeCountWords), v.maxValue(maxNodes, nodeCountWords));
const nodeList = v.pipe(
  v.array(v.pipe(v.string(nodeIdWords), v.regex(NODE_ID, nodeIdWords), v.check((s) => s !== 'leader', '{field} must not be "leader": that name means the leader of the moment'))),
  v.minLength(minNodes, (i) => `{field} must list ${minNodes} to ${maxNodes} node ids (it lists ${i.received})`),
  v.maxLength(maxNodes, (i) => `{field} must list ${minNodes} to ${maxNodes} node ids (it lists ${i.received})`),
  v.check((ids) => new Set(ids).size === ids.length, (i) => `{field} must not list a node twice (${show(twice(i.input))} is listed twice)`),
);
/** `nodes` is a count or a list of ids; chosen by the input's type, so a bad list names its bad id. */
const nodesSchema = v.lazy<v.GenericSchema<unknown, number | string[]>>((input) =>
  typeof input === 'number'
    ? nodeCount
    : Array.isArray(input)
      ? nodeList
      : v.custom<never>(() => false, `{field} must be a count from ${minNodes} to ${maxNodes} or a list of node ids (got {got})`),
);

/** DEFAULT_NETWORK is used for every network field a scenario leaves out. */
export const DEFAULT_NETWORK = { latencyMs: [10, 30] as [number, number], loss: 0, duplicate: 0 };
/** DEFAULT_CLIENTS is used for every client field a scenario leaves out. */
export const DEFAULT_CLIENTS = { timeoutMs: 1000 };

/** newerVersion says that a scenario's `version` is newer than this build reads. */
const newerVersion = (version: unknown) =>
  `version ${show(version)} is newer than this playground understands (it reads version ${SCENARIO_VERSION}): open it in a newer build`;

/** section makes a strictObject for a section of the scenario (`''`: its top level). */
function section<const E extends v.ObjectEntries>(name: string, entries: E) {
  return v.strictObject(entries, sectionFields(name, Object.keys(entries)));
}

function fullSchema(ids: readonly string[], opSchema: OpSchema) {
  const versionWords = `{field} must be ${SCENARIO_VERSION} (got {got})`;
  const seedWords = '{field} must be a whole number from 0 to 4294967295 (got {got})';
  const text = (max: number) =>
    v.pipe(v.string('{field} must be a string (got {got})'), v.maxLength(max, (i) => `{field} may hold at most ${max} characters (it has ${i.received})`));
  return section('', {
    version: v.pipe(
      v.number(versionWords),
      v.check((n) => n <= SCENARIO_VERSION, (i) => newerVersion(i.input)),
      v.literal(SCENARIO_VERSION, versionWords),
    ),
    protocol: v.picklist(protocolNames(), `unknown protocol {got} (known: ${protocolNames().join(', ')})`),
    seed: v.optional(v.pipe(v.number(seedWords), v.integer(seedWords), v.minValue(0, seedWords), v.maxValue(0xffffffff, seedWords)), 1),
    nodes: v.optional(nodesSchema, 5),
    until: v.optional(
      v.pipe(wholeMs(), v.maxValue(SCENARIO_LIMITS.maxUntilMs, `{field} must be at most ${SCENARIO_LIMITS.maxUntilMs} virtual ms, 24 virtual hours (got {got})`)),
      10_000,
    ),
    config: v.optional(v.record(v.string(), v.unknown(), '{field} must be an object (got {got})'), {}),
    network: v.optional(
      section('network', {
        latencyMs: v.optional(latencyRange(), DEFAULT_NETWORK.latencyMs),
        loss: v.optional(probability(), 0),
        duplicate: v.optional(probability(), 0),
      }),
      {},
    ),
    clients: v.optional(
      section('clients', {
        timeoutMs: v.optional(
          v.pipe(wholeMs(), v.minValue(1, '{field} must be at least 1 virtual ms (got {got})')),
          DEFAULT_CLIENTS.timeoutMs,
        ),
      }),
      {},
    ),
    timeline: v.optional(timelineSchema(ids, opSchema), []),
    name: v.optional(text(120)),
    description: v.optional(text(2000)),
  });
}

/** nodeIdsOf gives the node ids a scenario's `nodes` field means: a count n gives n1…nn. */
export function nodeIdsOf(nodes: number | string[]): string[] {
  return typeof nodes === 'number' ? Array.from({ length: nodes }, (_, i) => `n${i + 1}`) : [...nodes];
}

/**
 * freshClient gives the lowest id `cK` that no request in `timeline` names: the client of a request
 * that names none, so it never queues behind another client's operation.
 */
export function freshClient(timeline: readonly TimelineAction[]): string {
  return freshClients(timeline)();
}

/** freshClients gives a generator of successive fresh ids for `timeline`, each used as it is handed out. */
function freshClients(timeline: readonly TimelineAction[]): () => string {
  const used = new Set<string>();
  for (const a of timeline) if (a.action === 'request' && a.client !== undefined) used.add(a.client);
  let k = 1;
  return () => {
    while (used.has(`c${k}`)) k++;
    used.add(`c${k}`);
    return `c${k}`;
  };
}

/** withClient gives a request action its client, keeping the schema's field order. */
export function withClient(a: Extract<TimelineAction, { action: 'request' }>, client: string): TimelineAction {
  return { at: a.at, action: 'request', op: a.op, client, ...(a.node !== undefined ? { node: a.node } : {}) };
}

/**
 * parseAction validates one timeline action (e.g. made by a click) for a cluster of `ids`, and
 * returns it with its fields in canonical order, exactly as parseScenario would give it.
 * @throws ScenarioError (`invalid action: …`) naming the bad field, e.g.
 *   `node names an unknown node "n9" (known: n1, n2, n3, or "leader")`.
 */
export function parseAction(action: unknown, ids: readonly string[], protocol: string): TimelineAction {
  const parsed = v.safeParse(timelineSchema(ids, opSchemaOf(protocol)), [action], PARSE_CONFIG);
  if (!parsed.success) throw new ScenarioError(wordIssues(parsed.issues, { action: true }), 'action');
  const a = parsed.output[0] as TimelineAction;
  const bad = protocolIssue(a, protocol);
  if (bad) throw new ScenarioError([{ path: bad.field, message: bad.message }], 'action');
  return a;
}


/** HONEST is the `byzantine` action's behaviour that hands a node back to honesty. */
export const HONEST = 'honest';

/**
 * protocolIssue says what is wrong with `a` for `protocol`, beyond its shape: a `role:R` ref to a
 * role the protocol lacks, an `input` naming an action it does not declare, a Byzantine behaviour
 * it does not have. Null when fine.
 */
function protocolIssue(a: TimelineAction, protocol: string): { field: string; message: string } | null {
  const p = PROTOCOLS[protocol]?.protocol;
  const node = (a as { node?: unknown }).node;
  if (typeof node === 'string' && node.startsWith('role:') && p?.roles && !p.roles.includes(node.slice(5))) {
    return { field: 'node', message: `node names an unknown role "${node.slice(5)}" for ${protocol} (known: ${p.roles.join(', ')})` };
  }
  if (a.action === 'input') {
    const known = (p?.nodeActions ?? []).map((x) => x.id);
    if (known.includes(a.name)) return null;
    if (known.length === 0) return { field: 'name', message: `${protocol} has no node actions of its own (only the common ones: crash, restart, timeout)` };
    return { field: 'name', message: `unknown node action ${JSON.stringify(a.name)} for ${protocol} (known: ${known.join(', ')})` };
  }
  const why = behaviourIssue(a, protocol);
  return why ? { field: 'behaviour', message: why } : null;
}

/**
 * behaviourIssue says what is wrong with a `byzantine` action's behaviour for `protocol` (it must be
 * one the protocol declares, or `honest`), or null when it is fine or `a` is another action.
 */
function behaviourIssue(a: TimelineAction, protocol: string): string | null {
  if (a.action !== 'byzantine') return null;
  const known = (PROTOCOLS[protocol]?.protocol.behaviours ?? []).map((b) => b.id);
  if (a.behaviour === HONEST || known.includes(a.behaviour)) return null;
  if (known.length === 0) return `${protocol} assumes crash faults only: it has no Byzantine behaviours to switch on`;
  return `unknown Byzantine behaviour ${JSON.stringify(a.behaviour)} for ${protocol} (known: ${[HONEST, ...known].join(', ')})`;
}

/**
 * parseScenario validates untrusted input and returns it normalised: defaults filled, `nodes` a
 * list of ids, protocol config completed, timeline stably sorted by `at`.
 * @throws ScenarioError naming each bad field in the scenario's words, e.g.
 *   `timeline[3] (at 2000 ms): node names an unknown node "n9" (known: n1, n2, n3, or "leader")`.
 */
export function parseScenario(input: unknown): Scenario {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ScenarioError([{ path: '', message: `a scenario must be a JSON object such as {"version": 1, "protocol": "raft"} (got ${show(input)})` }]);
  }
  const raw = input as Record<string, unknown>;
  if (typeof raw.version === 'number' && raw.version > SCENARIO_VERSION) {
    throw new ScenarioError([{ path: 'version', message: newerVersion(raw.version) }]);
  }
  // The timeline is checked against the node ids, so `nodes` goes first.
  const nodesParsed = v.safeParse(v.optional(nodesSchema, 5), raw.nodes, PARSE_CONFIG);
  if (!nodesParsed.success) throw new ScenarioError(wordIssues(nodesParsed.issues, { base: ['nodes'] }));
  const ids = nodeIdsOf(nodesParsed.output);

  const parsed = v.safeParse(fullSchema(ids, opSchemaOf(raw.protocol)), input, PARSE_CONFIG);
  if (!parsed.success) throw new ScenarioError(wordIssues(parsed.issues, { scenario: input }));
  const s = parsed.output;

  const entry = PROTOCOLS[s.protocol]!;
  const config = v.safeParse(entry.configSchema, s.config, PARSE_CONFIG);
  if (!config.success) throw new ScenarioError(wordIssues(config.issues, { base: ['config'] }));

  const badBehaviours = (s.timeline as TimelineAction[]).flatMap((a, i) => {
    const why = protocolIssue(a, s.protocol);
    return why ? [timelineIssue(i, a, why.field, why.message)] : [];
  });
  if (badBehaviours.length) throw new ScenarioError(badBehaviours);


  const timeline = (s.timeline as TimelineAction[])
    .map((a, i) => ({ a, i }))
    .sort((x, y) => x.a.at - y.a.at || x.i - y.i)
    .map(({ a }) => a);
  // A request that names no client gets a fresh one, named here so that the header says who.
  const fresh = freshClients(timeline);
  for (let i = 0; i < timeline.length; i++) {
    const a = timeline[i]!;
    if (a.action === 'request' && a.client === undefined) timeline[i] = withClient(a, fresh());
  }

  const scenario: Scenario = {
    version: 1,
    protocol: s.protocol,
    seed: s.seed,
    nodes: ids,
    until: s.until,
    config: config.output as Record<string, unknown>,
    network: s.network as Scenario['network'],
    clients: s.clients as Scenario['clients'],
    timeline,
  };
  if (s.name !== undefined) scenario.name = s.name;
  if (s.description !== undefined) scenario.description = s.description;
  return scenario;
}
