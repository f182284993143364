/**
 * Shrinking a failing scenario to a short one that still fails the same way, as QuickCheck and
 * Jepsen do: delta debugging (Zeller & Hildebrandt, "Simplifying and Isolating Failure-Inducing
 * Input", 2002) over the timeline's actions, then the earliest `until` that still fails. The
 * simulator is deterministic, so "still fails" is a plain re-run.
 */
import type { Scenario } from '../scenario/types';
import type { VirtualMs } from '../types';

/** Failure is what made a run fail: `kind` must match for a smaller run to count as the same failure. */
export interface Failure {
  /** A safety property's name, or `linearizability`. */
  kind: string;
  /** When it was found (virtual ms); the run need not go past it. */
  t: VirtualMs;
  text: string;
}

/** ShrinkResult is the smallest failing scenario found and the failure it shows. */
export interface ShrinkResult<F extends Failure> {
  scenario: Scenario;
  failure: F;
  /** How many runs the search took. */
  runs: number;
}

/**
 * shrink searches for a smaller scenario on which `fails` gives a failure of the same kind as
 * `failure`: first it cuts the run at the failure, then removes chunks of actions (halves,
 * quarters, … single actions), then moves `until` as early as it can. At most `maxRuns` runs.
 * Pure apart from calling `fails`.
 */
export function shrink<F extends Failure>(scenario: Scenario, failure: F, fails: (s: Scenario) => F | null, maxRuns = 400): ShrinkResult<F> {
  let runs = 0;
  let best = { scenario, failure };
  const attempt = (s: Scenario): F | null => {
    if (runs >= maxRuns) return null;
    runs++;
    const f = fails(s);
    return f && f.kind === failure.kind ? f : null;
  };
  const cut = (s: Scenario, t: VirtualMs): Scenario => ({ ...s, until: t, timeline: s.timeline.filter((a) => a.at <= t) });

  // 1. Nothing after the failure matters.
  const atFailure = cut(scenario, failure.t);
  const f0 = atFailure.until < scenario.until ? attempt(atFailure) : null;
  if (f0) best = { scenario: cut(atFailure, f0.t), failure: f0 };

  // 2. Delta debugging over the actions.
  let actions = best.scenario.timeline;
  let chunks = 2;
  while (actions.length > 0 && runs < maxRuns) {
    const size = Math.ceil(actions.length / chunks);
    let removed = false;
    for (let i = 0; i < actions.length && runs < maxRuns; i += size) {
      const rest = [...actions.slice(0, i), ...actions.slice(i + size)];
      const candidate = { ...best.scenario, timeline: rest };
      const f = attempt(candidate);
      if (f) {
        best = { scenario: cut(candidate, f.t), failure: f };
        actions = best.scenario.timeline;
        chunks = Math.max(chunks - 1, 2);
        removed = true;
        break;
      }
    }
    if (!removed) {
      if (size <= 1) break;
      chunks = Math.min(chunks * 2, actions.length);
    }
  }

  // 3. The earliest end that still fails (binary search; failing is close to monotone in `until`).
  let lo = 0;
  let hi = best.scenario.until;
  while (lo + 1 < hi && runs < maxRuns) {
    const mid = Math.floor((lo + hi) / 2);
    const candidate = cut(best.scenario, mid);
    const f = attempt(candidate);
    if (f) {
      best = { scenario: candidate, failure: f };
      hi = mid;
    } else lo = mid;
  }
  return { ...best, runs };
}
