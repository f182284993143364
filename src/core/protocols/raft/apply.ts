/** Applying committed entries to the key-value state machine, and answering the clients who asked (Raft §5.3, §8). */
import type { StepEnv } from '../../protocol';
import { applyOnce } from '../../kv';
import type { RaftMessage } from './messages';
import { maybeCompact } from './snapshot';
import { entryAt, type RaftState } from './state';

/**
 * applyCommitted applies every entry in (lastApplied, commitIndex] in index order (Figure 2, "All
 * servers"): ops go through the session table so a retried request takes effect at most once (§8);
 * no-ops change nothing. Each applied entry is reported with `env.applied`; a leader answers the
 * client whose request it appended at that index. Reads (`get`) are entries too: a read is answered
 * only once it commits, which is what makes reads linearizable here (§8) without leases.
 */
export function applyCommitted(s: RaftState, env: StepEnv<RaftMessage>): void {
  while (s.lastApplied < s.commitIndex) {
    const index = ++s.lastApplied;
    const entry = entryAt(s, index);
    const command = entry.command;
    if (command.kind === 'op') {
      const result = applyOnce(s.kv, s.sessions, command.client, command.requestId, command.op);
      env.applied(index, entry.term, command);
      if (s.pending.size > 0) {
        const waiting = s.pending.get(index);
        if (waiting !== undefined) {
          s.pending.delete(index);
          env.reply(waiting.client, waiting.requestId, { kind: 'result', result });
        }
      }
    } else {
      env.applied(index, entry.term, command);
    }
  }
  maybeCompact(s, env); // log compaction (§7), when config.snapshotThreshold is set
}
