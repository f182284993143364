/**
 * The quorum protocol's step: one node's reaction to one input. Client gets and puts run as
 * Gifford's reads and writes (data.ts); client proposals are put to a weighted vote (voting.ts);
 * the `stance` node action changes how this node votes from now on; a `behave` input hands it to
 * the adversary (byzantine.ts) or back.
 */
import type { Input, StepEnv } from '../../protocol';
import { settingWarnings, STANCES, type Behaviour, type Stance } from './config';
import { onDataMessage, onOpTimer, startOp } from './data';
import type { QuorumMessage } from './messages';
import type { QuorumState } from './state';
import { onPropose, onProposeRequest, onTally, onTallyTimer, onVote } from './voting';

type Env = StepEnv<QuorumMessage>;

/** stanceAction names the node action that makes this node vote `stance` from now on, e.g. `vote-abstain`. */
export const stanceAction = (stance: Stance): string => `vote-${stance}`;

/** step handles one input at one node. */
export function step(s: QuorumState, input: Input<QuorumMessage>, env: Env): void {
  switch (input.kind) {
    case 'start':
      for (const t of s.tallies.values()) if (!t.decision && t.value !== null) env.setTimer(`tally:${t.id}`, s.config.retryMs);
      if (s.id === s.nodes[0]) for (const w of settingWarnings(s.rules)) env.note(`warning: ${w}`);
      return;
    case 'timer':
      if (input.name.startsWith('op:')) onOpTimer(s, input.name.slice(3), env);
      else if (input.name.startsWith('tally:')) onTallyTimer(s, input.name.slice(6), env);
      return;
    case 'message':
      onMessage(s, input.from, input.msg, env);
      return;
    case 'request': {
      const { op } = input;
      if (op.f === 'get' || op.f === 'put') startOp(s, input.client, input.requestId, op, env);
      else if (op.f === 'propose') onProposeRequest(s, input.client, input.requestId, String(op.id), String(op.value), env);
      else env.reply(input.client, input.requestId, { kind: 'result', result: { ok: false, error: `quorum serves get, put and propose, not ${op.f}` } });
      return;
    }
    case 'behave':
      s.behaviour = (input.behaviour as Behaviour | null) ?? null;
      return;
    case 'action':
      for (const stance of STANCES) {
        if (input.name !== stanceAction(stance)) continue;
        s.stance = stance;
        env.note(`${s.id} will ${stance} from now on`);
      }
      return;
    case 'timeout':
      return; // nothing to force: no leader, no election
    default: {
      const never: never = input;
      throw new Error(`unknown input ${JSON.stringify(never)}`);
    }
  }
}

function onMessage(s: QuorumState, from: string, m: QuorumMessage, env: Env): void {
  switch (m.type) {
    case 'ReadVersion':
    case 'Version':
    case 'WriteVersion':
    case 'WriteAck':
      onDataMessage(s, from, m, env);
      return;
    case 'Propose':
      onPropose(s, from, m.id, m.value, env);
      return;
    case 'Vote':
      onVote(s, from, m, env);
      return;
    case 'Tally':
      onTally(s, from, m.id, m.votes, env);
      return;
    default: {
      const never: never = m;
      throw new Error(`unknown quorum message ${JSON.stringify(never)}`);
    }
  }
}
