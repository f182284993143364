/**
 * Raft's look (Ongaro & Ousterhout 2014): follower, candidate and leader; RequestVote and
 * AppendEntries by outcome; the election timer drawn round each node; term and commitIndex on the
 * canvas; votedFor and the votes per term in the panel; the key-value request form.
 */
import { KvRequestForm } from '../kv/KvRequestForm';
import type { UiPlugin } from '../types';
import { classifyRaft, RAFT_DRAW_ORDER, RAFT_KINDS, RAFT_LEGEND } from './kinds';

/**
 * membershipLine shortens a node's configuration for the canvas: `1,2,3 +4` (voters, then learners
 * with +); while joint, the sizes, `3→5`. The node panel has the full configuration.
 */
export function membershipLine(f: Readonly<Record<string, string | number | boolean | null>>): string {
  const short = (x: unknown) => (typeof x === 'string' ? x.split(' ').filter(Boolean).map((id) => id.replace(/^n(?=\d)/, '')) : []);
  if (f.votersOld) return `${short(f.votersOld).length}→${short(f.voters).length}`;
  const learners = short(f.learners);
  return `${runs(short(f.voters))}${learners.length ? ` +${runs(learners)}` : ''}`;
}

/** runs writes node numbers with consecutive runs as ranges, so a node's line fits it: 1,2,3,4,5 → 1–5; 1,2,4 → 1,2,4. */
function runs(ids: readonly string[]): string {
  if (!ids.every((x) => /^\d+$/.test(x))) return ids.join(',');
  const ns = ids.map(Number).sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < ns.length; ) {
    let j = i;
    while (j + 1 < ns.length && ns[j + 1] === ns[j]! + 1) j++;
    out.push(j - i >= 2 ? `${ns[i]}–${ns[j]}` : ns.slice(i, j + 1).join(','));
    i = j + 1;
  }
  return out.join(',');
}

export const raftLook: UiPlugin = {
  roles: [
    { role: 'follower', label: 'follower', tone: 'follower', description: 'Follows the leader of its term' },
    { role: 'candidate', label: 'candidate', tone: 'candidate', description: 'Asks for votes to become leader (§5.2)' },
    { role: 'leader', label: 'leader', tone: 'leader', description: 'Replicates its log to the followers (§5.3)' },
    { role: 'pre-candidate', label: 'pre-candidate', short: 'pre-vote', tone: 'candidate', description: 'Asks whether it would win before raising its term (pre-vote, thesis §9.6)' },
    { role: 'learner', label: 'learner', tone: 'informed', description: 'A new server catching up on the log; it neither votes nor counts (thesis §4.2.1)' },
    { role: 'outside', label: 'outside', tone: 'idle', description: 'Not in the configuration it knows: it waits and does not campaign (thesis §4.1)' },
  ],
  defaultRole: 'follower',
  leaderWord: 'the leader',
  messageKinds: RAFT_KINDS,
  legend: RAFT_LEGEND,
  // A feature's role and messages appear in the legend when the scenario switches it on.
  legendOmits: (c) => {
    const membership = c.members !== undefined || c.membershipChange !== undefined;
    return {
      roles: [...(c.preVote ? [] : ['pre-candidate']), ...(membership ? [] : ['learner', 'outside'])],
      kinds: [...(c.preVote ? [] : ['pv', 'pv-yes', 'pv-no']), ...(c.snapshotThreshold ? [] : ['snap', 'snap-reply']), ...(membership ? [] : ['member-add', 'member-remove'])],
    };
  },
  classify: classifyRaft,
  drawOrder: RAFT_DRAW_ORDER,
  timers: [{ name: 'election', label: 'election timeout' }],
  nodeLine: (s) => [
    // With membership change on (membership.ts), the configuration this node believes in: first,
    // across the node's middle, where the circle is widest.
    ...(typeof s.fields?.voters === 'string' ? [{ label: s.fields.votersOld ? 'joint' : 'cfg', value: membershipLine(s.fields) }] : []),
    { label: 'term', value: s.term },
    { label: 'commit', value: s.commitIndex },
  ],
  epoch: 'term',
  showVotedFor: true,
  showVotes: true,
  timeout: { label: 'Force election timeout', title: 'Make the node time out now and start an election (Raft §5.2)' },
  persists: 'term, vote, log',
  // A majority must stay up: ⌊(n−1)/2⌋ crashes (Raft §5.2).
  tolerance: (n) => {
    const f = Math.floor((n - 1) / 2);
    return `${n} nodes tolerate ${f} crash${f === 1 ? '' : 'es'} (a majority must stay up)`;
  },
  requestForm: KvRequestForm,
  routineWords: 'heartbeats & acks',
};
