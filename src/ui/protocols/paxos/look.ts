/**
 * Paxos's look (Lamport, Paxos Made Simple 2001; Multi-Paxos §3; Flexible Paxos, Howard et al.
 * 2016): the Multi-Paxos leader in the leader's colour, a proposer in a round as a candidate,
 * acceptors and learners as followers; one glyph per phase; the proposer's retry and the leader
 * timeout drawn round the node; the promised ballot on the canvas; a panel of acceptors by slot,
 * quorums forming and values chosen; the key-value request form Raft and PBFT use.
 */
import type { NodeSummary } from '../../../core/types';
import { KvRequestForm } from '../kv/KvRequestForm';
import type { NodeLineItem, UiPlugin } from '../types';
import { classifyPaxos, PAXOS_DRAW_ORDER, PAXOS_KINDS } from './kinds';
import { PaxosPanel } from './PaxosPanel';

/**
 * paxosNodeLine shows, short enough for the node's disc, the promised ballot (`prom 2.n1`) and,
 * single-decree, the value chosen (else the value accepted), Multi-Paxos the chosen prefix (`chosen s5`).
 */
export function paxosNodeLine(s: NodeSummary): readonly NodeLineItem[] {
  const f = s.fields ?? {};
  const out: NodeLineItem[] = [{ label: 'prom', value: String(f.promised ?? '0') }];
  if (f.chosen) out.push({ label: 'chosen', value: String(f.chosen) });
  else if (f.accepted) out.push({ label: 'acc', value: String(f.accepted).split(' ').pop()! });
  else if (s.commitIndex > 0) out.push({ label: 'chosen', value: `s${s.commitIndex}` });
  return out;
}

const kind = (k: string) => PAXOS_KINDS.find((x) => x.kind === k)!.label;

export const paxosLook: UiPlugin = {
  roles: [
    { role: 'leader', label: 'leader (Multi-Paxos)', short: 'leader', tone: 'leader', description: 'Finished phase 1 for every open slot: it skips phase 1 for new slots (Paxos Made Simple §3)' },
    { role: 'proposer', label: 'proposer in a round', short: 'proposer', tone: 'candidate', description: 'Runs a round with its own ballot: phase 1 (Prepare) then phase 2 (Accept)' },
    { role: 'acceptor', label: 'acceptor', tone: 'follower', description: 'Promises ballots and accepts proposals; also a learner' },
    { role: 'learner', label: 'learner', tone: 'neutral', description: 'Learns chosen values from the acceptors’ Accepted messages' },
  ],
  defaultRole: 'acceptor',
  leaderWord: 'the leader',
  messageKinds: PAXOS_KINDS,
  classify: classifyPaxos,
  drawOrder: PAXOS_DRAW_ORDER,
  legend: [
    { kinds: ['prepare', 'promise'], text: 'Prepare / Promise (phase 1)', title: `${kind('prepare')}\n${kind('promise')}` },
    { kinds: ['accept', 'accepted'], text: 'Accept / Accepted (phase 2)', title: `${kind('accept')}\n${kind('accepted')}` },
    { kinds: ['nack'], text: 'Nack (higher promise)', title: kind('nack') },
    { kinds: ['heartbeat', 'learn'], text: 'heartbeat / catch-up', title: `${kind('heartbeat')}\n${kind('learn')}` },
  ],
  timers: [
    { name: 'retry', label: 'round timer: if nothing is chosen by then, a higher round begins' },
    { name: 'leader-timeout', label: 'leader timeout: no heartbeat by then, it begins phase 1' },
  ],
  nodeLine: paxosNodeLine,
  persists: 'its promised ballot, its accepted proposals, its highest round and the values it knows chosen',
  tolerance: (n: number) => `a majority quorum of ${n} acceptors tolerates ${Math.floor((n - 1) / 2)} crashed`,
  panel: PaxosPanel,
  requestForm: KvRequestForm,
  routineWords: 'heartbeats & catch-up',
};
