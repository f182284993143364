/**
 * Wording of scenario errors for people. valibot validates; this module turns its issues into
 * sentences in the scenario's own words: which action (its index and its `at`), which field, and
 * what is allowed, e.g. `timeline[43] (at 5200 ms): a get takes no value (its fields: f, key)`.
 *
 * Schema messages follow two conventions, so that a message written once reads right wherever the
 * field sits (a link action's `loss` and `network.loss` share one schema):
 * - `{field}` stands for the field's name as a person reads it (`network.loss`, `latencyMs[1]`,
 *   `config.byzantine.n1`; inside a timeline action relative to the action: `op.key`), and `{got}`
 *   for the value found (JSON, shortened; `nothing` when absent).
 * - A message left out is worded from the issue's kind (wrong type, out of range, not a whole
 *   number, …), so a protocol's config schema need not word every check.
 */
import * as v from 'valibot';

/**
 * ScenarioIssue is one problem with a scenario: `path`, the dotted path for programs
 * (`timeline.43.op.value`), and `message`, the whole sentence for people
 * (`timeline[43] (at 5200 ms): a get takes no value (its fields: f, key)`).
 */
export interface ScenarioIssue {
  path: string;
  message: string;
}

/** MAX_LISTED_ISSUES caps how many issues an error's message lists; the rest are counted. */
export const MAX_LISTED_ISSUES = 10;

/**
 * ScenarioError is thrown for an invalid scenario (or action). `issues` lists every problem;
 * `message` is `invalid scenario: ` and the issues' sentences joined by `; `, at most
 * {@link MAX_LISTED_ISSUES} of them and then `and N more`.
 */
export class ScenarioError extends Error {
  readonly issues: ScenarioIssue[];
  /** @param what what was invalid, for the message's lead: `scenario` or `action`. */
  constructor(issues: ScenarioIssue[], what: 'scenario' | 'action' = 'scenario') {
    const listed = issues.slice(0, MAX_LISTED_ISSUES).map((i) => i.message);
    const more = issues.length - listed.length;
    if (more > 0) listed.push(`and ${more} more ${more === 1 ? 'problem' : 'problems'}`);
    super(`invalid ${what}: ${listed.join('; ')}`);
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}

/** UNWORDED marks an issue whose schema gave no message: {@link wordIssues} words it from its kind. */
const UNWORDED = '';

/**
 * PARSE_CONFIG is the valibot config to parse scenarios with: issues without a message of their own
 * come out {@link UNWORDED} rather than in valibot's words (`Invalid type: Expected …`).
 */
export const PARSE_CONFIG: v.Config<v.BaseIssue<unknown>> = { message: () => UNWORDED };

/** show gives a value as a person reads it in a message: JSON, at most 40 characters. */
export function show(x: unknown): string {
  if (x === undefined) return 'nothing';
  let s: string;
  try {
    s = JSON.stringify(x) ?? String(x);
  } catch {
    s = String(x);
  }
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** article puts "a" or "an" before a word, or nothing before a plural such as `groups`. */
export const article = (word: string): string => (/[^s]s$/.test(word) ? word : `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`);

/** The key an object-level issue is about: the unknown or missing key at the end of its path. */
const keyOf = (issue: v.BaseIssue<unknown>) => String(issue.path?.at(-1)?.key ?? '');
const isUnknownKey = (issue: v.BaseIssue<unknown>) => issue.expected === 'never';
const isMissingKey = (issue: v.BaseIssue<unknown>) => issue.input === undefined && (issue.path?.length ?? 0) > 0;

/**
 * kindFields words a strictObject's own issues for one kind of thing with fields, such as an action
 * or an op: `a get takes no value (its fields: f, key)`, `a crash needs a node`.
 * @param noun the thing with its article: `a crash`, `an append`.
 */
export function kindFields(noun: string, keys: readonly string[]) {
  return (issue: v.BaseIssue<unknown>): string => {
    if (isUnknownKey(issue)) return `${noun} takes no ${keyOf(issue)} (its fields: ${keys.join(', ')})`;
    if (isMissingKey(issue)) return `${noun} needs ${article(keyOf(issue))}`;
    return `${noun} must be an object (got {got})`;
  };
}

/**
 * sectionFields words a strictObject's own issues for a section of the scenario (the top level,
 * `network`, `config`): `network: unknown field "lossy" (known: latencyMs, loss, duplicate)`.
 * @param section the section's name, `''` for the scenario's top level.
 * @param owner whose fields they are, when that helps: `raft` gives `… for raft (known: …)`.
 */
export function sectionFields(section: string, keys: readonly string[], owner?: string) {
  const where = section ? `${section}: ` : '';
  return (issue: v.BaseIssue<unknown>): string => {
    if (isUnknownKey(issue)) return `${where}unknown field "${keyOf(issue)}"${owner ? ` for ${owner}` : ''} (known: ${keys.join(', ')})`;
    if (isMissingKey(issue)) return `${section || 'a scenario'} needs ${article(keyOf(issue))}`;
    return `{field} must be an object (got {got})`;
  };
}

/** How a timeline action is named: by index, and by `at` when that is a number (virtual ms). */
function actionName(index: number, action: unknown, showAt: boolean): string {
  const at = typeof action === 'object' && action !== null ? (action as { at?: unknown }).at : undefined;
  return showAt && typeof at === 'number' ? `timeline[${index}] (at ${at} ms)` : `timeline[${index}]`;
}

/**
 * timelineIssue is an issue with timeline action `index` found after parsing (such as a behaviour
 * the protocol lacks): `message` is a whole sentence, `field` the action's field it is about.
 */
export function timelineIssue(index: number, action: unknown, field: string, message: string): ScenarioIssue {
  return { path: `timeline.${index}.${field}`, message: `${actionName(index, action, true)}: ${message}` };
}

/** fieldName joins path keys as a person reads them: `op.key`, `latencyMs[1]`, `groups[1][0]`. */
function fieldName(keys: readonly unknown[]): string {
  let s = '';
  for (const k of keys) {
    if (typeof k === 'number') s += `[${k}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(String(k))) s += s ? `.${String(k)}` : String(k);
    else s += `[${JSON.stringify(k)}]`;
  }
  return s;
}

/** WordingOptions says where the issues' input sits. */
export interface WordingOptions {
  /** The path of the parsed input within the scenario, e.g. `['config']`; none for the whole scenario. */
  base?: readonly (string | number)[];
  /** The whole scenario, to find each timeline action's `at`; the parsed input when `base` is empty. */
  scenario?: unknown;
  /**
   * action: the input is one action on its own (a click in the UI), not a timeline: issues are
   * worded relative to it, with no `timeline[i]` in front.
   */
  action?: boolean;
}

/** wordIssues turns valibot's issues into {@link ScenarioIssue}s worded for people. */
export function wordIssues(issues: readonly v.BaseIssue<unknown>[], opts: WordingOptions = {}): ScenarioIssue[] {
  // One value can break several checks that share a message (a count that is 0.5 is neither whole
  // nor at least 1): say it once.
  const seen = new Set<string>();
  return issues.map((issue) => wordIssue(issue, opts)).filter((i) => !seen.has(i.message) && seen.add(i.message));
}

function wordIssue(issue: v.BaseIssue<unknown>, opts: WordingOptions): ScenarioIssue {
  let keys: (string | number)[] = [...(opts.base ?? []), ...(issue.path ?? []).map((p) => p.key as string | number)];
  let got: unknown = issue.input;
  // An item beyond a tuple's end: the issue is about the list as a whole.
  if (isUnknownKey(issue) && typeof keys.at(-1) === 'number') {
    keys = keys.slice(0, -1);
    got = issue.path?.at(-1)?.input;
  }
  let where = '';
  let rest = keys;
  if (opts.action) {
    rest = keys.slice(1);
  } else if (keys[0] === 'timeline' && typeof keys[1] === 'number') {
    const timeline = (opts.scenario as { timeline?: unknown[] } | undefined)?.timeline;
    // `at` is shown when it is a number, except where `at` itself is what is wrong.
    const showAt = !(keys.length === 3 && keys[2] === 'at');
    where = actionName(keys[1], Array.isArray(timeline) ? timeline[keys[1]] : undefined, showAt);
    rest = keys.slice(2);
  }
  const path = (opts.action ? rest : keys).join('.');
  const field = fieldName(rest) || (where || opts.action ? 'the action' : 'the scenario');
  const template = issue.message === UNWORDED ? unworded(issue, rest) : issue.message;
  const what = template.replace(/\{(field|got)\}/g, (_, k: string) => (k === 'field' ? field : show(got)));
  return { path, message: where ? `${where}: ${what}` : what };
}

/** unworded words an issue its schema gave no message for, from its kind; `keys` lead to its field. */
function unworded(issue: v.BaseIssue<unknown>, keys: readonly (string | number)[]): string {
  const req = (issue as { requirement?: unknown }).requirement;
  const got = '(got {got})';
  switch (issue.type) {
    case 'string':
      return `{field} must be a string ${got}`;
    case 'number':
      return `{field} must be a number ${got}`;
    case 'boolean':
      return `{field} must be true or false ${got}`;
    case 'array':
    case 'tuple':
    case 'strict_tuple':
      return isUnknownKey(issue) ? `{field} has too many items ${got}` : `{field} must be a list ${got}`;
    case 'object':
    case 'strict_object':
    case 'loose_object':
    case 'record':
      if (isUnknownKey(issue)) {
        const parent = fieldName(keys.slice(0, -1));
        return `${parent ? `${parent}: ` : ''}unknown field "${keyOf(issue)}"`;
      }
      if (isMissingKey(issue)) return `{field} is required`;
      return `{field} must be an object ${got}`;
    case 'integer':
      return `{field} must be a whole number ${got}`;
    case 'min_value':
      return `{field} must be at least ${String(req)} ${got}`;
    case 'max_value':
      return `{field} must be at most ${String(req)} ${got}`;
    case 'min_length':
      return `{field} must hold at least ${String(req)} ${typeof issue.input === 'string' ? 'characters' : 'items'} (it has ${issue.received})`;
    case 'max_length':
      return `{field} may hold at most ${String(req)} ${typeof issue.input === 'string' ? 'characters' : 'items'} (it has ${issue.received})`;
    case 'picklist':
    case 'literal':
    case 'enum':
    case 'union':
    case 'variant':
      // valibot gives the choices as `("a" | "b")`.
      return `{field} must be ${issue.expected ? `one of ${issue.expected.replace(/^\((.*)\)$/, '$1').split(' | ').join(', ')}` : 'something else'} ${got}`;
    default:
      return `{field} is not valid ${got}`;
  }
}
