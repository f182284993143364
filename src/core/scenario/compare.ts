/**
 * Compare scenarios (issue 20 §2): one scenario's cluster, network, workload and fault timeline run
 * against two (protocol, config) pairs, so that both runs meet the same faults at the same virtual
 * times on the same node ids. The two sides may name the same protocol with two configs (2PC and
 * 3PC are one protocol, `2pc`, with `config.variant`).
 *
 * The raw form is an ordinary scenario whose `protocol` and `config` give way to `compare`:
 *
 * ```json
 * {"version": 1, "compare": [{"protocol": "raft"}, {"protocol": "pbft", "label": "PBFT"}],
 *  "nodes": 4, "seed": 7, "until": 8000, "timeline": [{"at": 2000, "action": "isolate", "node": "leader"}]}
 * ```
 *
 * `compare` holds exactly two sides, each a protocol name or `{protocol, config?, label?, timeline?}`:
 * `config` is the side's protocol config (its own schema validates it), `label` names the side in
 * tables (default: the protocol's name; two sides must differ), `timeline` holds actions only that
 * side takes (e.g. the same node crashing in one run and lying in the other).
 *
 * A shared action one side cannot take is skipped for that side only, with the reason, as the
 * nemesis skips a fault that does not apply: a `byzantine` action on a crash-fault protocol, an
 * `input` the protocol does not declare, a `role:R` ref to a role it lacks, a request whose op is not
 * one of its operations, a fault aimed at `leader` on a leader-free protocol, a forced timeout on a
 * protocol without one. An action neither side can take is an error.
 */
import * as v from 'valibot';
import { leaderRoleOf } from '../protocol';
import { PROTOCOLS, protocolNames } from '../protocols/registry';
import { PARSE_CONFIG, ScenarioError, show, type ScenarioIssue } from './issues';
import { parseAction, parseScenario, withClient } from './schema';
import type { Scenario, TimelineAction } from './types';

/** CompareSide is one side of a comparison, normalised. */
export interface CompareSide {
  /** Its name in tables and headings, e.g. `raft` or `3PC`; unique within the comparison. */
  label: string;
  protocol: string;
  /** The side's protocol config as given (the protocol's schema fills defaults in {@link sideRuns}). */
  config: Record<string, unknown>;
  /** Actions only this side takes, besides the shared timeline. */
  timeline: TimelineAction[];
}

/** CompareScenario is a normalised comparison: the shared fields of a Scenario and two sides. */
export interface CompareScenario extends Omit<Scenario, 'protocol' | 'config'> {
  compare: [CompareSide, CompareSide];
}

/** SkippedAction is a shared timeline action one side does not take, and why. */
export interface SkippedAction {
  /** Its index in the shared (sorted) timeline. */
  index: number;
  at: number;
  action: TimelineAction['action'];
  reason: string;
}

/** SideRun is one side made into an ordinary scenario, with the shared actions it skips. */
export interface SideRun {
  label: string;
  scenario: Scenario;
  skipped: SkippedAction[];
}

const SIDE_KEYS = ['protocol', 'config', 'label', 'timeline'];
const labelWords = '{field} must be a label of 1 to 24 characters (got {got})';
const sideSchema = v.union(
  [
    v.string(),
    v.strictObject({
      protocol: v.string('{field} must be a protocol name (got {got})'),
      config: v.optional(v.record(v.string(), v.unknown(), '{field} must be an object (got {got})')),
      label: v.optional(v.pipe(v.string(labelWords), v.minLength(1, labelWords), v.maxLength(24, labelWords))),
      timeline: v.optional(v.array(v.unknown(), '{field} must be a list of actions (got {got})')),
    }, `{field} takes only ${SIDE_KEYS.join(', ')}`),
  ],
  '{field} must be a protocol name such as "raft" or {"protocol": "2pc", "config": {"variant": "3pc"}} (got {got})',
);
const compareField = v.pipe(
  v.array(sideSchema, 'compare must be a list of two sides, e.g. ["raft", "pbft"] (got {got})'),
  v.length(2, (i) => `compare must name exactly two sides (it names ${i.input.length})`),
);

/** isCompareInput says whether raw input is a comparison (has a `compare` field) rather than a plain scenario. */
export const isCompareInput = (input: unknown): boolean =>
  typeof input === 'object' && input !== null && !Array.isArray(input) && 'compare' in input;

/** fail throws a ScenarioError with one issue at `path`. */
function fail(path: string, message: string): never {
  throw new ScenarioError([{ path, message }]);
}

/**
 * parseCompare validates an untrusted comparison and returns it normalised: sides with labels, the
 * shared timeline sorted by `at` with every request's client named (the same in both runs), and
 * each side checked by building its scenario ({@link sideRuns}).
 * @throws ScenarioError in the user's words: `compare[1]: unknown protocol "pbfx" (known: …)`,
 *   `compare[0] (2pc): nodes must be 2 to 12 for 2pc (got 20)`, `timeline[2] (at 900 ms): neither
 *   side can take it: …`, or any field the scenario schema refuses.
 */
export function parseCompare(input: unknown): CompareScenario {
  if (!isCompareInput(input)) fail('compare', 'a comparison needs a "compare" field such as ["raft", "pbft"]');
  const raw = input as Record<string, unknown>;
  for (const k of ['protocol', 'config']) {
    if (k in raw) fail(k, `a comparison takes no top-level ${k}: give each side in "compare" its own`);
  }
  if (Array.isArray(raw.compare)) {
    raw.compare.forEach((side: unknown, i) => {
      const extra = typeof side === 'object' && side !== null ? Object.keys(side).find((k) => !SIDE_KEYS.includes(k)) : undefined;
      if (extra !== undefined) fail(`compare[${i}]`, `compare[${i}] takes no ${extra} (its fields: ${SIDE_KEYS.join(', ')})`);
    });
  }
  const parsedSides = v.safeParse(compareField, raw.compare, PARSE_CONFIG);
  if (!parsedSides.success) {
    const issue = parsedSides.issues[0];
    const at = issue.path?.length ? `compare[${String(issue.path[0]!.key)}]` : 'compare';
    fail('compare', (issue.message || 'compare must be a list of two sides').replace('{field}', at).replace('{got}', show(issue.input)));
  }
  const sides = parsedSides.output.map((s, i): CompareSide => {
    const side = typeof s === 'string' ? { protocol: s } : s;
    if (!Object.hasOwn(PROTOCOLS, side.protocol)) fail(`compare[${i}]`, `compare[${i}]: unknown protocol ${show(side.protocol)} (known: ${protocolNames().join(', ')})`);
    return { label: side.label ?? side.protocol, protocol: side.protocol, config: side.config ?? {}, timeline: (side.timeline ?? []) as TimelineAction[] };
  }) as [CompareSide, CompareSide];
  if (sides[0].label === sides[1].label) fail('compare', `both sides are labelled ${show(sides[0].label)}: give each a "label", e.g. "2PC" and "3PC"`);

  // The shared fields are validated as a plain scenario of the first side's protocol, with no
  // timeline and its default config; the timeline is checked action by action against both sides
  // below, and each side's config in sideRuns, where an error can name the side.
  const { compare: _c, timeline: rawTimeline, ...rest } = raw;
  const base = parseScenario({ ...rest, protocol: sides[0].protocol });
  const ids = base.nodes;
  if (rawTimeline !== undefined && !Array.isArray(rawTimeline)) fail('timeline', `timeline must be a list of actions (got ${show(rawTimeline)})`);
  const shared = ((rawTimeline ?? []) as unknown[]).map((a, i) => sharedAction(a, i, ids, sides));
  const timeline = nameClients(shared.map((a, i) => ({ a, i })).sort((x, y) => x.a.at - y.a.at || x.i - y.i).map(({ a }) => a), sides);
  const { protocol: _p, config: _cfg, timeline: _t, ...fields } = base;
  const c: CompareScenario = { ...fields, timeline, compare: sides };
  c.compare = sides.map((s, i) => ({ ...s, timeline: sideTimeline(c, i) })) as [CompareSide, CompareSide];
  sideRuns(c);
  return c;
}

/** sharedAction parses shared action `i`: it must suit at least one side. */
function sharedAction(a: unknown, i: number, ids: readonly string[], sides: readonly CompareSide[]): TimelineAction {
  const words: string[] = [];
  for (const s of sides) {
    try {
      return parseAction(a, ids, s.protocol);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      words.push(e.issues.map((x) => x.message).join('; '));
    }
  }
  const at = typeof (a as { at?: unknown })?.at === 'number' ? ` (at ${(a as { at: number }).at} ms)` : '';
  if (words[0] === words[1]) return fail(`timeline[${i}]`, `timeline[${i}]${at}: ${words[0]}`);
  return fail(`timeline[${i}]`, `timeline[${i}]${at}: neither side can take it (${sides.map((s, k) => `${s.label}: ${words[k]}`).join(' | ')})`);
}

/** sideTimeline parses side `i`'s own actions against its protocol. */
function sideTimeline(c: CompareScenario, i: number): TimelineAction[] {
  const side = c.compare[i]!;
  return side.timeline.map((a, k) => {
    try {
      return parseAction(a, c.nodes, side.protocol);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      return fail(`compare[${i}].timeline[${k}]`, `compare[${i}] (${side.label}) timeline[${k}]: ${e.issues.map((x) => x.message).join('; ')}`);
    }
  });
}

/** nameClients names the client of every request that names none, the same for both sides. */
function nameClients(timeline: TimelineAction[], sides: readonly CompareSide[]): TimelineAction[] {
  const used = new Set<string>();
  for (const a of [...timeline, ...sides.flatMap((s) => s.timeline)]) {
    const client = (a as { action?: unknown; client?: unknown }).client;
    if ((a as { action?: unknown }).action === 'request' && typeof client === 'string') used.add(client);
  }
  let k = 1;
  return timeline.map((a) => {
    if (a.action !== 'request' || a.client !== undefined) return a;
    while (used.has(`c${k}`)) k++;
    used.add(`c${k}`);
    return withClient(a, `c${k}`);
  });
}

/**
 * skipReason says why `protocol` does not take shared action `a`, or null when it does. The
 * simulator would skip a `leader` ref on a leader-free protocol at run time anyway; saying so here
 * puts the reason in the comparison's table.
 */
export function skipReason(a: TimelineAction, protocol: string, ids: readonly string[]): string | null {
  const p = PROTOCOLS[protocol]!.protocol;
  if ((a as { node?: unknown }).node === 'leader' && leaderRoleOf(p) === null) return `${protocol} has no leader to aim it at`;
  if (a.action === 'timeout' && p.timeoutAction === null) return `${protocol} has no timeout to force`;
  try {
    parseAction(a, ids, protocol);
    return null;
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues.map((x) => x.message).join('; ');
    throw e;
  }
}

/**
 * sideRuns makes each side an ordinary scenario: the shared fields, the side's protocol and config,
 * the shared actions it can take and its own actions.
 * @throws ScenarioError naming the side, e.g. a cluster outside the protocol's nodeRange or a bad config.
 */
export function sideRuns(c: CompareScenario): [SideRun, SideRun] {
  const { compare, timeline, ...fields } = c;
  return compare.map((side, i) => {
    const entry = PROTOCOLS[side.protocol]!;
    const [lo, hi] = entry.nodeRange ?? [1, Infinity];
    if (c.nodes.length < lo || c.nodes.length > hi) {
      fail('nodes', `compare[${i}] (${side.label}): ${side.protocol} runs with ${lo} to ${hi} nodes (the comparison has ${c.nodes.length})`);
    }
    const skipped: SkippedAction[] = [];
    const taken = timeline.filter((a, index) => {
      const reason = skipReason(a, side.protocol, c.nodes);
      if (reason !== null) skipped.push({ index, at: a.at, action: a.action, reason });
      return reason === null;
    });
    try {
      const scenario = parseScenario({ ...fields, protocol: side.protocol, config: side.config, timeline: [...taken, ...side.timeline] });
      return { label: side.label, scenario, skipped };
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      const issues: ScenarioIssue[] = e.issues.map((x) => ({ ...x, message: `compare[${i}] (${side.label}): ${x.message}` }));
      throw new ScenarioError(issues);
    }
  }) as [SideRun, SideRun];
}

/**
 * compareOf makes a comparison of a plain scenario against `protocols` (the CLI's `--compare a,b`):
 * a side whose protocol is the scenario's own keeps its config, the other starts from its defaults.
 * @throws ScenarioError as {@link parseCompare}.
 */
export function compareOf(scenario: Scenario, protocols: readonly string[]): CompareScenario {
  const { protocol, config, ...rest } = scenario;
  return parseCompare({ ...rest, compare: protocols.map((p) => (p === protocol ? { protocol: p, config } : p)) });
}
