/**
 * The membership invariant the reference lists under "Invariants to add" (thesis §4.1 and its 2015
 * correction): a leader appends a configuration entry only when the previous configuration entry
 * in its log has committed, and only once an entry of its current term has committed. Checked from
 * the leader's log at each `config-change` record, so it fires the moment a leader breaks the rule,
 * before the disjoint majorities it allows elect two leaders or overwrite a committed entry.
 */
import type { LogEntryView, NodeId, VirtualMs } from '../../types';

/** ONE_CHANGE_AT_A_TIME is the property's name, as its lamp shows it. */
export const ONE_CHANGE_AT_A_TIME = 'One Change at a Time' as const;

/** ONE_CHANGE_PROPERTY describes the lamp. */
export const ONE_CHANGE_PROPERTY = {
  name: ONE_CHANGE_AT_A_TIME,
  description:
    'A leader appends a configuration entry only after the previous one has committed and after an entry of its own term has committed.',
  source: 'Ongaro thesis §4.1, and the 2015 correction (raft-dev)',
} as const;

/** isConfigEntry says whether a log entry carries a configuration (messages.ts ConfigCommand). */
function isConfigEntry(e: LogEntryView): boolean {
  return typeof e.command === 'object' && e.command !== null && (e.command as { kind?: unknown }).kind === 'config';
}

/**
 * configChangeProblem checks a configuration entry a leader appended at `index` of `log` while its
 * commitIndex was `commitIndex`: null when the rule holds, else what broke it, in words.
 */
export function configChangeProblem(node: NodeId, log: readonly LogEntryView[], index: number, commitIndex: number): string | null {
  const e = log[index - 1];
  if (!e || !isConfigEntry(e)) return null; // the log moved on since; nothing to judge
  for (let i = index - 1; i > commitIndex; i--) {
    if (isConfigEntry(log[i - 1]!)) return `${node} appended configuration entry ${index} while entry ${i}, a configuration too, was not committed (commitIndex ${commitIndex})`;
  }
  const committedTerm = commitIndex >= 1 ? (log[commitIndex - 1]?.term ?? 0) : 0;
  if (committedTerm !== e.term) {
    return `${node} appended configuration entry ${index} in term ${e.term} before any entry of term ${e.term} had committed (commitIndex ${commitIndex} is of term ${committedTerm})`;
  }
  return null;
}

/** configChangeViolation is what {@link configChangeProblem} found, ready for the monitor's report. */
export function configChangeViolation(t: VirtualMs, node: NodeId, index: number, text: string) {
  return { property: ONE_CHANGE_AT_A_TIME, t, nodes: [node], indexes: [index], text };
}
