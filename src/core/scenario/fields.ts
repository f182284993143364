/**
 * Field schemas shared by the scenario schema and the protocols' own schemas (config, client ops):
 * valibot pieces whose messages are for people (`{field}` and `{got}` are filled in by issues.ts).
 * No import of the registry, so a protocol's folder may use them at load time.
 */
import * as v from 'valibot';
import { article, kindFields } from './issues';

/** A whole, non-negative number of virtual ms. */
export const wholeMs = () => {
  const msg = '{field} must be a whole, non-negative number of virtual ms (got {got})';
  return v.pipe(v.number(msg), v.integer(msg), v.minValue(0, msg));
};
/** A probability: a number from 0 to 1. */
export const probability = () => {
  const msg = '{field} must be a number from 0 to 1 (got {got})';
  return v.pipe(v.number(msg), v.minValue(0, msg), v.maxValue(1, msg));
};
/** Values may be given as numbers for convenience; they are stored as strings. */
export const value = () =>
  v.pipe(v.union([v.string(), v.number()], '{field} must be a string or a number (got {got})'), v.transform((x) => String(x)));
/** A key-value key: a non-empty string of at most 64 characters. */
export const key = v.pipe(
  v.string('{field} must be a string (got {got})'),
  v.minLength(1, '{field} must not be empty'),
  v.maxLength(64, (i) => `{field} may hold at most 64 characters (it has ${i.received})`),
);

/** kind makes a strictObject for one kind of thing (an action, an op) whose own issues name it. */
export function kind<const E extends v.ObjectEntries>(name: string, entries: E) {
  return v.strictObject(entries, kindFields(article(name), Object.keys(entries)));
}

