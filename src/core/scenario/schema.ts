/**
 * Scenario validation with valibot. `parseScenario` turns untrusted JSON (a file, a share URL, the
 * UI) into a normalised {@link Scenario}, or throws a {@link ScenarioError} naming every bad field.
 */
import * as v from 'valibot';
import { PROTOCOLS, protocolNames } from '../protocols/registry';
import { SCENARIO_VERSION, SKEW_LIMITS, type Scenario, type TimelineAction } from './types';

/**
 * Limits on a scenario, so a bad one gives an error rather than a frozen tab. The node limits are
 * the playground's too: its node-count control offers minNodes…maxNodes, and maxNodes is the
 * largest cluster its canvas lays out legibly (nodes on one circle, none overlapping).
 */
export const SCENARIO_LIMITS = {
  minNodes: 1,
  maxNodes: 12,
  /** The longest run (virtual ms): 24 virtual hours. */
  maxUntilMs: 86_400_000,
  maxTimelineActions: 10_000,
  maxLatencyMs: 600_000,
} as const;

/** ScenarioIssue is one problem: a dotted path such as `timeline.2.node`, and what is wrong. */
export interface ScenarioIssue {
  path: string;
  message: string;
}

/** ScenarioError is thrown for an invalid scenario; `message` lists every issue with its field. */
export class ScenarioError extends Error {
  readonly issues: ScenarioIssue[];
  constructor(issues: ScenarioIssue[]) {
    super(
      'invalid scenario: ' +
        issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '),
    );
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}

const NODE_ID = /^[A-Za-z][A-Za-z0-9_-]{0,15}$/;
/** REGION_NAME is a partition action's drawing hint per group (see TimelineAction `partition`). */
const REGION_NAME = /^[A-Za-z0-9_-]{1,16}$/;

const wholeMs = (what: string) =>
  v.pipe(
    v.number(`${what} must be a number (virtual ms)`),
    v.integer(`${what} must be a whole number of virtual ms`),
    v.minValue(0, `${what} must not be negative`),
  );
const probability = (what: string) =>
  v.pipe(v.number(`${what} must be a number`), v.minValue(0, `${what} must be between 0 and 1`), v.maxValue(1, `${what} must be between 0 and 1`));
const latencyRange = (what: string) =>
  v.pipe(
    v.tuple([wholeMs(`${what}[0]`), v.pipe(wholeMs(`${what}[1]`), v.maxValue(SCENARIO_LIMITS.maxLatencyMs, `${what}[1] must be at most ${SCENARIO_LIMITS.maxLatencyMs}`))], `${what} must be [min, max] in virtual ms`),
    v.check(([lo, hi]) => lo <= hi, `${what} must be [min, max] with min ≤ max`),
  );
/** Values may be given as numbers for convenience; they are stored as strings. */
const value = (what: string) =>
  v.pipe(v.union([v.string(), v.number()], `${what} must be a string`), v.transform((x) => String(x)));
const key = v.pipe(v.string('key must be a string'), v.minLength(1, 'key must not be empty'), v.maxLength(64, 'key must be at most 64 characters'));

const opSchema = v.variant(
  'f',
  [
    v.strictObject({ f: v.literal('get'), key }),
    v.strictObject({ f: v.literal('put'), key, value: value('value') }),
    v.strictObject({ f: v.literal('append'), key, value: value('value') }),
    v.strictObject({ f: v.literal('cas'), key, expected: value('expected'), value: value('value') }),
  ],
  (issue) => `op.f must be one of get, put, append, cas (got ${JSON.stringify(issue.input)})`,
);

function timelineSchema(ids: readonly string[]) {
  const known = `known: ${ids.join(', ')}`;
  const nodeId = v.picklist(ids, (i) => `unknown node id ${JSON.stringify(i.input)} (${known})`);
  const nodeRef = v.picklist([...ids, 'leader'], (i) => `unknown node ${JSON.stringify(i.input)} (${known}, or "leader")`);
  const at = wholeMs('at');
  const actions = ['crash', 'restart', 'isolate', 'partition', 'heal', 'link', 'timeout', 'skew', 'request', 'manual', 'deliver', 'drop', 'duplicate', 'fire', 'byzantine'];
  const msgId = v.pipe(v.number('id must be a message id'), v.integer('id must be a whole number'), v.minValue(1, 'id must be at least 1'));
  return v.pipe(
    v.array(
      v.variant(
        'action',
        [
          v.strictObject({ at, action: v.literal('crash'), node: nodeRef }),
          v.strictObject({ at, action: v.literal('restart'), node: v.optional(nodeRef) }),
          v.strictObject({ at, action: v.literal('isolate'), node: nodeRef }),
          v.pipe(
            v.strictObject({
              at,
              action: v.literal('partition'),
              groups: v.pipe(
                v.array(v.pipe(v.array(nodeId), v.minLength(1, 'a partition group must not be empty'))),
                v.minLength(1, 'partition needs at least one group'),
                v.check((gs) => new Set(gs.flat()).size === gs.flat().length, 'a node may be in only one partition group'),
              ),
              regions: v.optional(v.array(v.pipe(v.string('a region must be a name'), v.regex(REGION_NAME, 'a region name is 1 to 16 letters, digits, _ or -')))),
            }),
            v.check((p) => p.regions === undefined || p.regions.length === p.groups.length, 'regions must name one region per group'),
          ),
          v.strictObject({ at, action: v.literal('heal') }),
          v.pipe(
            v.strictObject({
              at,
              action: v.literal('link'),
              from: nodeId,
              to: nodeId,
              latencyMs: v.optional(latencyRange('latencyMs')),
              loss: v.optional(probability('loss')),
              duplicate: v.optional(probability('duplicate')),
              cut: v.optional(v.boolean('cut must be true or false')),
            }),
            v.check((l) => l.from !== l.to, 'a link joins two different nodes'),
          ),
          v.strictObject({ at, action: v.literal('timeout'), node: nodeRef }),
          v.strictObject({
            at,
            action: v.literal('skew'),
            node: nodeRef,
            rate: v.pipe(
              v.number('rate must be a number'),
              v.minValue(SKEW_LIMITS.min, `rate must be between ${SKEW_LIMITS.min} and ${SKEW_LIMITS.max}`),
              v.maxValue(SKEW_LIMITS.max, `rate must be between ${SKEW_LIMITS.min} and ${SKEW_LIMITS.max}`),
            ),
          }),
          v.strictObject({
            at,
            action: v.literal('request'),
            op: opSchema,
            client: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/, 'client must be a short id such as "c1"'))),
            node: v.optional(nodeRef),
          }),
          v.strictObject({ at, action: v.literal('manual'), enabled: v.boolean('enabled must be true or false') }),
          v.strictObject({ at, action: v.literal('deliver'), id: msgId }),
          v.strictObject({ at, action: v.literal('drop'), id: msgId }),
          v.strictObject({ at, action: v.literal('duplicate'), id: msgId }),
          v.strictObject({
            at,
            action: v.literal('fire'),
            node: nodeId,
            timer: v.pipe(v.string('timer must be a timer name'), v.regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, 'timer must be a timer name such as "election"')),
          }),
          v.strictObject({
            at,
            action: v.literal('byzantine'),
            node: nodeRef,
            behaviour: v.pipe(v.string('behaviour must be a behaviour name'), v.regex(/^[a-z][a-z0-9-]{0,31}$/, 'behaviour must be a behaviour name such as "equivocate", or "honest"')),
          }),
        ],
        (issue) => `unknown action ${JSON.stringify(issue.input)} (known: ${actions.join(', ')})`,
      ),
    ),
    v.maxLength(SCENARIO_LIMITS.maxTimelineActions, `timeline may hold at most ${SCENARIO_LIMITS.maxTimelineActions} actions`),
  );
}

const nodesSchema = v.union(
  [
    v.pipe(
      v.number(),
      v.integer('nodes must be a whole number'),
      v.minValue(SCENARIO_LIMITS.minNodes, `nodes must be between ${SCENARIO_LIMITS.minNodes} and ${SCENARIO_LIMITS.maxNodes}`),
      v.maxValue(SCENARIO_LIMITS.maxNodes, `nodes must be between ${SCENARIO_LIMITS.minNodes} and ${SCENARIO_LIMITS.maxNodes}`),
    ),
    v.pipe(
      v.array(v.pipe(v.string(), v.regex(NODE_ID, 'a node id is a letter then up to 15 letters, digits, _ or -'), v.check((s) => s !== 'leader', '"leader" is reserved'))),
      v.minLength(SCENARIO_LIMITS.minNodes, `nodes must list between ${SCENARIO_LIMITS.minNodes} and ${SCENARIO_LIMITS.maxNodes} ids`),
      v.maxLength(SCENARIO_LIMITS.maxNodes, `nodes must list between ${SCENARIO_LIMITS.minNodes} and ${SCENARIO_LIMITS.maxNodes} ids`),
      v.check((ids) => new Set(ids).size === ids.length, 'node ids must be unique'),
    ),
  ],
  (issue) =>
    typeof issue.input === 'number'
      ? `nodes must be a whole number between ${SCENARIO_LIMITS.minNodes} and ${SCENARIO_LIMITS.maxNodes}`
      : 'nodes must be a count or a list of ids',
);

/** DEFAULT_NETWORK is used for every network field a scenario leaves out. */
export const DEFAULT_NETWORK = { latencyMs: [10, 30] as [number, number], loss: 0, duplicate: 0 };
/** DEFAULT_CLIENTS is used for every client field a scenario leaves out. */
export const DEFAULT_CLIENTS = { timeoutMs: 1000 };

function fullSchema(ids: readonly string[]) {
  return v.strictObject({
    version: v.pipe(
      v.number('version must be a number'),
      v.check((n) => n <= SCENARIO_VERSION, (i) => `version ${String(i.input)} is newer than this playground understands (it reads version ${SCENARIO_VERSION}); open it in a newer build`),
      v.literal(SCENARIO_VERSION, `version must be ${SCENARIO_VERSION}`),
    ),
    protocol: v.picklist(protocolNames(), (i) => `unknown protocol ${JSON.stringify(i.input)} (known: ${protocolNames().join(', ')})`),
    seed: v.optional(v.pipe(v.number('seed must be a number'), v.integer('seed must be a whole number'), v.minValue(0, 'seed must not be negative'), v.maxValue(0xffffffff, 'seed must fit in 32 bits')), 1),
    nodes: v.optional(nodesSchema, 5),
    until: v.optional(v.pipe(wholeMs('until'), v.maxValue(SCENARIO_LIMITS.maxUntilMs, `until must be at most ${SCENARIO_LIMITS.maxUntilMs} (24 virtual hours)`)), 10_000),
    config: v.optional(v.record(v.string(), v.unknown()), {}),
    network: v.optional(
      v.strictObject({
        latencyMs: v.optional(latencyRange('latencyMs'), DEFAULT_NETWORK.latencyMs),
        loss: v.optional(probability('loss'), 0),
        duplicate: v.optional(probability('duplicate'), 0),
      }),
      {},
    ),
    clients: v.optional(
      v.strictObject({ timeoutMs: v.optional(v.pipe(wholeMs('timeoutMs'), v.minValue(1, 'timeoutMs must be at least 1')), DEFAULT_CLIENTS.timeoutMs) }),
      {},
    ),
    timeline: v.optional(timelineSchema(ids), []),
    name: v.optional(v.pipe(v.string(), v.maxLength(120))),
    description: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  });
}

function issuesOf(issues: readonly v.BaseIssue<unknown>[], prefix = ''): ScenarioIssue[] {
  return issues.map((i) => {
    const p = v.getDotPath(i);
    return { path: prefix + (p ?? ''), message: i.message };
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
 * @throws ScenarioError naming the bad field, e.g. `node: unknown node "n9"`.
 */
export function parseAction(action: unknown, ids: readonly string[], protocol: string): TimelineAction {
  const parsed = v.safeParse(timelineSchema(ids), [action]);
  if (!parsed.success) {
    throw new ScenarioError(issuesOf(parsed.issues).map((i) => ({ ...i, path: i.path.replace(/^0\.?/, '') })));
  }
  const a = parsed.output[0] as TimelineAction;
  const bad = behaviourIssue(a, protocol);
  if (bad) throw new ScenarioError([{ path: 'behaviour', message: bad }]);
  return a;
}

/** HONEST is the `byzantine` action's behaviour that hands a node back to honesty. */
export const HONEST = 'honest';

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
 * @throws ScenarioError naming each bad field, e.g. `timeline.3.node: unknown node id "n9"`.
 */
export function parseScenario(input: unknown): Scenario {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ScenarioError([{ path: '', message: 'a scenario must be a JSON object' }]);
  }
  const raw = input as Record<string, unknown>;
  if (typeof raw.version === 'number' && raw.version > SCENARIO_VERSION) {
    throw new ScenarioError([{ path: 'version', message: `version ${raw.version} is newer than this playground understands (it reads version ${SCENARIO_VERSION}); open it in a newer build` }]);
  }
  const nodesParsed = v.safeParse(v.optional(nodesSchema, 5), raw.nodes);
  if (!nodesParsed.success) throw new ScenarioError(issuesOf(nodesParsed.issues, 'nodes'));
  const ids = nodeIdsOf(nodesParsed.output);

  const parsed = v.safeParse(fullSchema(ids), input);
  if (!parsed.success) throw new ScenarioError(issuesOf(parsed.issues));
  const s = parsed.output;

  const entry = PROTOCOLS[s.protocol]!;
  const config = v.safeParse(entry.configSchema, s.config);
  if (!config.success) throw new ScenarioError(issuesOf(config.issues, 'config.').map((i) => (i.path === 'config.' ? { ...i, path: 'config' } : i)));

  const badBehaviours = (s.timeline as TimelineAction[]).flatMap((a, i) => {
    const why = behaviourIssue(a, s.protocol);
    return why ? [{ path: `timeline.${i}.behaviour`, message: why }] : [];
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
