/**
 * Share links: a scenario plus the moment to stop at, compressed (lz-string) into a URL's hash as
 * `#s=…`. Opening the link replays the run to that moment, event for event.
 */
import lz from 'lz-string';
import { parseScenario, ScenarioError } from './schema';
import { parseCompare, type CompareScenario } from './compare';
import type { Scenario } from './types';
import type { VirtualMs } from '../types';

/** SHARE_VERSION is the newest share-link format this build reads. */
export const SHARE_VERSION = 1;

/** Moment is a point in a run: after `events` handled events, with the clock at `t` (virtual ms). */
export interface Moment {
  events: number;
  t: VirtualMs;
}

/** Shared is what a share link carries. */
export interface Shared {
  scenario: Scenario;
  moment: Moment | null;
}

/** ShareError is a share link that cannot be opened; `message` says what is wrong with it. */
export class ShareError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShareError';
  }
}

/** encodeShare gives the hash fragment (without `#`) for a scenario and a moment. */
export function encodeShare(scenario: Scenario, moment: Moment | null): string {
  const payload = { v: SHARE_VERSION, scenario, ...(moment ? { moment } : {}) };
  return 's=' + lz.compressToEncodedURIComponent(JSON.stringify(payload));
}

/**
 * encodeCompareShare gives the hash fragment (without `#`) for a comparison of two protocols
 * (compare.ts) and a moment: the payload carries `compare` where a plain link carries `scenario`.
 */
export function encodeCompareShare(compare: CompareScenario, moment: Moment | null): string {
  const payload = { v: SHARE_VERSION, compare, ...(moment ? { moment } : {}) };
  return 's=' + lz.compressToEncodedURIComponent(JSON.stringify(payload));
}

/** SharedCompare is what a comparison's share link carries. */
export interface SharedCompare {
  compare: CompareScenario;
  moment: Moment | null;
}

/** shareParam finds the `s=` parameter in a hash, a full URL or a bare fragment; null if absent. */
export function shareParam(text: string): string | null {
  const hashAt = text.indexOf('#');
  const hash = hashAt >= 0 ? text.slice(hashAt + 1) : text;
  for (const part of hash.split('&')) {
    if (part.startsWith('s=')) return part.slice(2);
  }
  return null;
}

/**
 * decodeShare opens a share link (a URL, a hash or the `s=` value).
 * @throws ShareError naming the problem: no scenario in it, truncated or corrupted, not JSON,
 *   made by a newer version, or an invalid scenario (with the bad field).
 */
export function decodeShare(text: string): Shared {
  const any = decodeAnyShare(text);
  if ('compare' in any) {
    const [a, b] = any.compare.compare;
    throw new ShareError(`the share link holds a comparison (${a.label} against ${b.label}), not one run: open it with npm run sim -- '<link>'`);
  }
  return any;
}

/**
 * decodeAnyShare opens a share link holding one scenario or a comparison of two protocols.
 * @throws ShareError as {@link decodeShare}, for a comparison naming the bad field of the comparison.
 */
export function decodeAnyShare(text: string): Shared | SharedCompare {
  const param = shareParam(text.trim()) ?? (text.includes('=') ? null : text.trim());
  if (!param) throw new ShareError('the link holds no scenario (expected "#s=…")');
  let json: string | null;
  try {
    json = lz.decompressFromEncodedURIComponent(param);
  } catch {
    json = null;
  }
  if (!json) throw new ShareError('the share link is truncated or corrupted: it does not decompress');
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    throw new ShareError('the share link is truncated or corrupted: its contents are not valid JSON');
  }
  if (typeof payload !== 'object' || payload === null) throw new ShareError('the share link does not hold a scenario');
  const p = payload as { v?: unknown; scenario?: unknown; compare?: unknown; moment?: unknown };
  if (typeof p.v !== 'number') throw new ShareError('the share link has no format version');
  if (p.v > SHARE_VERSION) {
    throw new ShareError(`the share link was made by a newer version of the playground (format ${p.v}; this one reads ${SHARE_VERSION})`);
  }
  if (p.compare !== undefined) {
    try {
      return { compare: parseCompare(p.compare), moment: parseMoment(p.moment) };
    } catch (e) {
      if (e instanceof ScenarioError) throw new ShareError(`the share link holds an ${e.message.replace('invalid scenario', 'invalid comparison')}`);
      throw e;
    }
  }
  let scenario: Scenario;
  try {
    scenario = parseScenario(p.scenario);
  } catch (e) {
    if (e instanceof ScenarioError) throw new ShareError(`the share link holds an ${e.message}`);
    throw e;
  }
  return { scenario, moment: parseMoment(p.moment) };
}

function parseMoment(m: unknown): Moment | null {
  if (m === undefined) return null;
  const ok =
    typeof m === 'object' && m !== null &&
    Number.isInteger((m as Moment).events) && (m as Moment).events >= 0 &&
    Number.isInteger((m as Moment).t) && (m as Moment).t >= 0;
  if (!ok) throw new ShareError('the share link\'s moment must be {events, t} with whole, non-negative numbers');
  return m as Moment;
}
