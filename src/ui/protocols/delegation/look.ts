/**
 * Task delegation's look: the coordinator in the leader's colour, followers as followers, a node
 * holding an election (electing, or a candidate waiting for reports) in the candidate's; one glyph
 * per kind of message; the watch on the coordinator drawn round each follower; the delegation panel
 * (followers' loads and breakers, the task table) and a submit form.
 */
import type { NodeSummary } from '../../../core/types';
import type { NodeLineItem, UiPlugin } from '../types';
import { DelegationPanel } from './DelegationPanel';
import { classifyDelegation, DELEGATION_DRAW_ORDER, DELEGATION_KINDS } from './kinds';
import { SubmitForm } from './SubmitForm';

/** delegationNodeLine shows the epoch and, on a follower, the tasks it holds; on the coordinator, its table's size. */
export function delegationNodeLine(s: NodeSummary): readonly NodeLineItem[] {
  const f = s.fields ?? {};
  const out: NodeLineItem[] = [{ label: 'epoch', value: s.term }];
  if (s.role === 'coordinator') out.push({ label: 'tasks', value: Number(f.tasks ?? 0) });
  else out.push({ label: 'held', value: Number(f.held ?? 0) });
  return out;
}

export const delegationLook: UiPlugin = {
  roles: [
    { role: 'coordinator', label: 'coordinator', tone: 'leader', description: 'Assigns tasks by policy, watches the followers, commits finished attempts' },
    { role: 'follower', label: 'follower', tone: 'follower', description: 'Works on the tasks assigned to it and applies their effects once committed' },
    { role: 'electing', label: 'electing', tone: 'candidate', description: 'Suspects the coordinator and asks the higher ranks (bully election)' },
    { role: 'candidate', label: 'candidate', tone: 'candidate', description: 'Announced a new epoch and waits for a majority of reports' },
  ],
  defaultRole: 'follower',
  leaderWord: 'the coordinator',
  messageKinds: DELEGATION_KINDS,
  classify: classifyDelegation,
  drawOrder: DELEGATION_DRAW_ORDER,
  legend: [
    { kinds: ['heartbeat'], text: 'heartbeat', title: DELEGATION_KINDS[0]!.label },
    { kinds: ['election', 'announce'], text: 'election / announce', title: `${DELEGATION_KINDS[1]!.label}\n${DELEGATION_KINDS[2]!.label}` },
    { kinds: ['assign', 'assign-ack'], text: 'assign / ack', title: `${DELEGATION_KINDS[3]!.label}\n${DELEGATION_KINDS[4]!.label}` },
    { kinds: ['done', 'accept', 'commit'], text: 'done / accept / commit', title: `${DELEGATION_KINDS[5]!.label}\n${DELEGATION_KINDS[6]!.label}\n${DELEGATION_KINDS[7]!.label}` },
    { kinds: ['abort'], text: 'abort (fenced off)', title: DELEGATION_KINDS[8]!.label },
  ],
  timers: [{ name: 'watch', label: 'suspicion timeout: no heartbeat from the coordinator by then, and it is suspected' }],
  nodeLine: delegationNodeLine,
  persists: 'the tasks it holds, the effects it applied, its done-records and epoch',
  tolerance: (n) => `${n} nodes: tasks complete while a majority (${Math.floor(n / 2) + 1}) is up and connected`,
  panel: DelegationPanel,
  requestForm: SubmitForm,
  routineWords: 'heartbeats & accepts',
};
