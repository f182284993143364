/**
 * Membership change (thesis §4; paper §6). A configuration is a log entry (messages.ts
 * ConfigCommand) that each server uses as soon as it stores it (configuration.ts). The leader:
 * - adds servers as learners first, replicates to them in rounds, and promotes a learner to voter
 *   once it has caught up (thesis §4.2.1);
 * - changes the voters one server at a time (thesis §4.1) or through a joint configuration
 *   C_old,new (paper §6, thesis §4.3; `config.membershipChange`);
 * - starts a change only once the previous one has committed and once an entry of its own term has
 *   committed (the 2015 correction to §4.1, Ongaro on raft-dev);
 * - steps down once a configuration without itself commits (thesis §4.2.2).
 * Requests reach the leader as node actions (`add-server`, `remove-server`) or as the AddServer and
 * RemoveServer RPCs (thesis Figure 4.1) a node sends when the action is invoked on it.
 */
import type { NodeAction, RecordKind, StepEnv } from '../../protocol';
import type { NodeId, NodeSummary } from '../../types';
import { isLearner, isVoter, latestConfiguration, type Configuration } from './configuration';
import type { AddServer, ConfigCommand, RaftMessage, RemoveServer } from './messages';
import { appendAsLeader } from './replication';
import { becomeFollower, resetElectionTimer } from './roles';
import { lastLogIndex, termAt, type RaftState } from './state';

/** ADD_SERVER and REMOVE_SERVER are the node actions' ids (timeline `input` names). */
export const ADD_SERVER = 'add-server';
export const REMOVE_SERVER = 'remove-server';

/** MEMBERSHIP_ACTIONS are Raft's node actions for membership change. */
export const MEMBERSHIP_ACTIONS: readonly NodeAction[] = [
  {
    id: ADD_SERVER,
    title: 'Add to the cluster',
    description:
      'This server asks the leader to add it (args.servers: others instead): it joins as a learner, catches up, then becomes a voter (thesis §4.1, §4.2.1)',
  },
  {
    id: REMOVE_SERVER,
    title: 'Remove from the cluster',
    description: 'This server asks the leader to remove it (args.servers: others instead); a removed leader steps down once the change commits (thesis §4.1, §4.2.2)',
  },
];

/** MEMBERSHIP_RECORDS are the trace records membership changes emit. */
export const MEMBERSHIP_RECORDS: readonly RecordKind[] = [
  {
    kind: 'config-change',
    title: 'a leader appends a configuration entry',
    fields: {
      index: 'the entry\'s log index',
      voters: 'the voters (C_new)',
      learners: 'the learners',
      votersOld: 'C_old while the configuration is joint, else null',
      commitIndex: 'the leader\'s commitIndex when it appended the entry',
    },
  },
  {
    kind: 'config-refused',
    title: 'a leader refuses a membership change',
    fields: { change: '"add" or "remove"', servers: 'the servers named', reason: 'why, in words' },
  },
  {
    kind: 'catch-up-round',
    title: 'a learner finishes a catch-up round',
    fields: { server: 'the learner', round: 'the round number, from 1', ms: 'how long the round took (virtual ms)', matchIndex: 'the learner\'s matchIndex' },
  },
  {
    kind: 'leader-removed',
    title: 'a leader steps down: the committed configuration leaves it out',
    fields: { index: 'the configuration entry\'s log index' },
  },
];

const names = (ids: readonly NodeId[]) => ids.join(', ');

/** membershipOn says whether a run uses membership change: `config.members` is set or the log holds a configuration entry. */
export function membershipOn(s: RaftState): boolean {
  return s.config.members !== undefined || latestConfiguration(s).index > 0;
}

/** memberRole gives the summary role of a follower: `learner` if it is one, `outside` if its configuration leaves it out, else `follower`. */
export function memberRole(s: RaftState): 'follower' | 'learner' | 'outside' {
  const c = latestConfiguration(s);
  if (isVoter(c, s.id)) return 'follower';
  return isLearner(c, s.id) ? 'learner' : 'outside';
}

/** configFields gives the summary fields for `state` records: voters, learners and C_old while joint, space-separated. */
export function configFields(s: RaftState): Record<string, string | null> {
  const c = latestConfiguration(s);
  return { voters: c.voters.join(' '), learners: c.learners.join(' '), votersOld: c.votersOld ? c.votersOld.join(' ') : null };
}

/**
 * withMembership adds membership to a node's summary when the run uses it ({@link membershipOn}):
 * a follower's role becomes `learner` or `outside` where it is one, and `fields` carry voters,
 * learners and votersOld, so `state` records follow membership. Without it the summary is unchanged.
 */
export function withMembership(summary: NodeSummary, s: RaftState): NodeSummary {
  if (!membershipOn(s)) return summary;
  return { ...summary, role: s.role === 'follower' ? memberRole(s) : summary.role, fields: configFields(s) };
}

/** configText describes a configuration for notes and the node panel, e.g. `voters n1 n2 n3, learners n4`. */
export function configText(c: Configuration): string {
  const joint = c.votersOld ? `joint: old voters ${c.votersOld.join(' ')}, new voters ${c.voters.join(' ')}` : `voters ${c.voters.join(' ')}`;
  return c.learners.length ? `${joint}; learners ${c.learners.join(' ')}` : joint;
}

/**
 * mayCampaign says whether the election timer may start an election: a voter of its latest
 * configuration campaigns; learners never do (thesis §4.2.1); a server outside its configuration
 * waits (§4.1) unless that configuration is not known committed, for then it may still be needed to
 * elect the leader that commits it (its own vote does not count, §4.2.2). A node that may not
 * campaign notes why and re-arms the timer, so it campaigns once it becomes a voter.
 */
export function mayCampaign(s: RaftState, env: StepEnv<RaftMessage>): boolean {
  const c = latestConfiguration(s);
  if (isVoter(c, s.id)) return true;
  if (!isLearner(c, s.id) && c.index > s.commitIndex) {
    // Its removal is not known committed: it may still be needed, e.g. to elect the leader that commits it.
    env.note(`${s.id} is outside its latest configuration (entry ${c.index}, not known committed): it campaigns, but its own vote does not count (thesis §4.2.2)`);
    return true;
  }
  env.note(`${s.id} is ${isLearner(c, s.id) ? 'a learner' : 'outside its configuration'} (${configText(c)}): it does not campaign`);
  // No leader has reached it for an election timeout: the leader it knew may be gone, so it no
  // longer sends clients there (they try other nodes instead).
  s.leaderId = null;
  resetElectionTimer(s, env);
  return false;
}

/**
 * ignoresCandidate says whether `s` drops a RequestVote from `candidate` unanswered, without taking
 * its term (the disruptive servers of thesis §4.2.3): never when the candidate is a voter of `s`'s
 * latest configuration; otherwise while `s` leads or has heard from a leader less than a minimum
 * election timeout ago. A removed server that never learned of its removal, or whose removal is not
 * yet known committed, would otherwise depose healthy leaders with ever higher terms. (Ignoring it
 * merely because a committed configuration leaves it out can deadlock: that configuration may be
 * older than the ones the others hold.) Without membership change, never: every node is a voter.
 */
export function ignoresCandidate(s: RaftState, candidate: NodeId, env: StepEnv<RaftMessage>): boolean {
  const c = latestConfiguration(s);
  if (isVoter(c, candidate)) return false;
  let why: string;
  if (s.role === 'leader') why = `it leads, and its configuration leaves ${candidate} out`;
  else if (s.leaderContactAt !== null && env.now - s.leaderContactAt < s.config.electionTimeoutMs[0]) {
    why = `it heard from its leader ${env.now - s.leaderContactAt} ms ago, and its configuration leaves ${candidate} out`;
  } else return false;
  env.note(`${s.id} ignores ${candidate}'s RequestVote: ${why} (thesis §4.2.3)`);
  return true;
}

/** serversArg reads the action's `args.servers` (or `args.server`), defaulting to the node itself; null if malformed. */
function serversArg(s: RaftState, args: Record<string, unknown> | undefined): NodeId[] | string {
  const raw = args?.servers ?? (args?.server === undefined ? undefined : [args.server]);
  if (raw === undefined) return [s.id];
  if (!Array.isArray(raw) || raw.length === 0 || !raw.every((x) => typeof x === 'string')) {
    return `args.servers must be a non-empty list of node names, e.g. ["n4"] (got ${JSON.stringify(raw)})`;
  }
  const known = [s.id, ...s.peers];
  const unknown = raw.filter((x) => !known.includes(x));
  if (unknown.length) return `args.servers names ${names(unknown)}, not a node of this cluster (nodes: ${names(known)})`;
  return [...new Set(raw as string[])];
}

/**
 * handleMembershipAction runs node action `name` (add-server or remove-server) on `s`: a leader
 * proposes the change itself; any other node sends AddServer or RemoveServer to the leader it knows,
 * or to every other node when it knows none (a new server knows no leader). Other names are ignored.
 */
export function handleMembershipAction(s: RaftState, name: string, args: Record<string, unknown> | undefined, env: StepEnv<RaftMessage>): void {
  if (name !== ADD_SERVER && name !== REMOVE_SERVER) return;
  const servers = serversArg(s, args);
  const change = name === ADD_SERVER ? 'add' : 'remove';
  if (typeof servers === 'string') {
    env.note(`${s.id} cannot ${change} servers: ${servers}`);
    env.record('config-refused', { change, servers: [], reason: servers });
    return;
  }
  if (s.role === 'leader') {
    proposeChange(s, change, servers, env);
    return;
  }
  const msg: AddServer | RemoveServer = { type: change === 'add' ? 'AddServer' : 'RemoveServer', term: s.currentTerm, servers };
  const to = s.leaderId !== null && s.leaderId !== s.id ? [s.leaderId] : s.peers;
  env.note(`${s.id} asks ${s.leaderId ?? 'every node'} to ${change} ${names(servers)}`);
  for (const peer of to) env.send(peer, msg);
}

/** handleChangeRequest handles an AddServer or RemoveServer RPC, whatever its term: a leader proposes it; others ignore it. */
export function handleChangeRequest(s: RaftState, from: NodeId, msg: AddServer | RemoveServer, env: StepEnv<RaftMessage>): void {
  if (s.role !== 'leader') return;
  env.note(`${s.id} (leader) receives ${from}'s ${msg.type} ${names(msg.servers)}`);
  proposeChange(s, msg.type === 'AddServer' ? 'add' : 'remove', msg.servers, env);
}

/**
 * changeRefusal says why the leader `s` may not start a membership change now, or null if it may:
 * the latest configuration must be committed (one change at a time, thesis §4.1) and an entry of
 * its own term must be committed (the 2015 correction). The teaching bugs `concurrent-changes` and
 * `skip-own-term-commit` skip one check each.
 */
export function changeRefusal(s: RaftState, env: StepEnv<RaftMessage>): string | null {
  const c = latestConfiguration(s);
  if (c.index > s.commitIndex) {
    if (!s.bugs.has('concurrent-changes')) return `the change at entry ${c.index} has not committed yet (one change at a time, thesis §4.1)`;
    // BUG (concurrent-changes): start a change while the previous one is uncommitted. Correct: wait
    // until it commits, so consecutive configurations' majorities always overlap (thesis §4.1).
    env.note(`${s.id} starts another change although entry ${c.index} has not committed (bug concurrent-changes)`);
  }
  if (termAt(s, s.commitIndex) !== s.currentTerm) {
    if (!s.bugs.has('skip-own-term-commit')) return `no entry of its term ${s.currentTerm} has committed yet (the 2015 correction to thesis §4.1)`;
    // BUG (skip-own-term-commit): change the configuration before an entry of this term commits.
    // Correct: wait for the leader's no-op to commit first (Ongaro, raft-dev 2015; etcd pendingConfIndex).
    env.note(`${s.id} changes the configuration before any entry of term ${s.currentTerm} has committed (bug skip-own-term-commit)`);
  }
  return null;
}

function refuse(s: RaftState, change: 'add' | 'remove', servers: readonly NodeId[], reason: string, env: StepEnv<RaftMessage>): void {
  env.note(`${s.id} refuses to ${change} ${names(servers)}: ${reason}`);
  env.record('config-refused', { change, servers: [...servers], reason });
}

/** inOrder sorts `ids` by the cluster's order (the node first, then its peers), so configurations read the same everywhere. */
function inOrder(s: RaftState, ids: Iterable<NodeId>): NodeId[] {
  const set = new Set(ids);
  return [...s.peers, s.id].filter((id) => set.has(id)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * proposeChange is the leader's side of AddServer and RemoveServer. Adding makes the new servers
 * learners (several at once is safe: learners do not vote); they become voters through
 * {@link reconcileMembership}. Removing a learner just drops it; removing voters takes one voter at
 * a time (single-server) or goes through C_old,new (joint consensus). Refusals are noted and recorded.
 */
export function proposeChange(s: RaftState, change: 'add' | 'remove', servers: readonly NodeId[], env: StepEnv<RaftMessage>): void {
  const c = latestConfiguration(s);
  if (c.votersOld) return refuse(s, change, servers, 'the configuration is still joint (paper §6)', env);
  if (change === 'add') {
    const fresh = servers.filter((id) => !isVoter(c, id) && !c.learners.includes(id));
    if (fresh.length === 0) return refuse(s, change, servers, `${names(servers)} ${servers.length === 1 ? 'is' : 'are'} already in the configuration`, env);
    const why = changeRefusal(s, env);
    if (why !== null) return refuse(s, change, servers, why, env);
    appendConfig(s, { kind: 'config', voters: [...c.voters], learners: inOrder(s, [...c.learners, ...fresh]) }, env);
    return;
  }
  const gone = servers.filter((id) => isVoter(c, id) || c.learners.includes(id));
  if (gone.length === 0) return refuse(s, change, servers, `${names(servers)} ${servers.length === 1 ? 'is' : 'are'} not in the configuration`, env);
  const voters = c.voters.filter((id) => !gone.includes(id));
  const removedVoters = c.voters.length - voters.length;
  if (voters.length === 0) return refuse(s, change, servers, 'a configuration needs at least one voter', env);
  if (removedVoters > 1 && jointMode(s) === false) return refuse(s, change, servers, `single-server changes remove one voter at a time (thesis §4.1): remove ${gone[0]} first`, env);
  const why = changeRefusal(s, env);
  if (why !== null) return refuse(s, change, servers, why, env);
  const learners = c.learners.filter((id) => !gone.includes(id));
  const next: ConfigCommand =
    removedVoters > 0 && jointMode(s) ? { kind: 'config', voters, learners, votersOld: [...c.voters] } : { kind: 'config', voters, learners };
  appendConfig(s, next, env);
}

function jointMode(s: RaftState): boolean {
  return s.config.membershipChange === 'joint-consensus';
}

/** appendConfig appends configuration entry `cmd` as leader; the leader uses it at once (thesis §4.1). */
function appendConfig(s: RaftState, cmd: ConfigCommand, env: StepEnv<RaftMessage>): void {
  const index = lastLogIndex(s) + 1;
  const c: Configuration = cmd.votersOld ? { voters: cmd.voters, learners: cmd.learners, votersOld: cmd.votersOld, index } : { voters: cmd.voters, learners: cmd.learners, index };
  env.note(`${s.id} appends configuration entry ${index}: ${configText(c)}`);
  env.record('config-change', { index, voters: [...cmd.voters], learners: [...cmd.learners], votersOld: cmd.votersOld ? [...cmd.votersOld] : null, commitIndex: s.commitIndex });
  appendAsLeader(s, { term: s.currentTerm, command: cmd }, env);
}

/**
 * reconcileMembership is what a leader does about membership after each reply and heartbeat:
 * - a committed joint configuration is followed by C_new (paper §6);
 * - a committed configuration without the leader makes it step down (thesis §4.2.2);
 * - at each `heartbeat`, each learner's catch-up round ends if its matchIndex has reached the
 *   round's target; after config.catchUpRounds rounds, the last shorter than the minimum election
 *   timeout, the learner is promoted (thesis §4.2.1), when {@link changeRefusal} allows a change:
 *   one voter at a time, or, in joint consensus, every learner at once through C_old,new once all
 *   have caught up.
 */
export function reconcileMembership(s: RaftState, env: StepEnv<RaftMessage>, heartbeat = false): void {
  if (s.role !== 'leader') return;
  const c = latestConfiguration(s);
  if (c.index > 0 && c.index <= s.commitIndex) {
    if (c.votersOld) {
      if (termAt(s, s.commitIndex) !== s.currentTerm) return; // wait for an entry of its own term (2015 correction)
      env.note(`${s.id}: the joint configuration at entry ${c.index} has committed, so it appends C_new`);
      appendConfig(s, { kind: 'config', voters: [...c.voters], learners: [...c.learners] }, env);
      return;
    }
    if (!isVoter(c, s.id)) {
      env.note(`${s.id} steps down: the committed configuration at entry ${c.index} leaves it out (thesis §4.2.2)`);
      env.record('leader-removed', { index: c.index });
      becomeFollower(s, s.currentTerm, null, env);
      return;
    }
  }
  if (!heartbeat || c.learners.length === 0 || c.votersOld) return;
  const rounds = s.config.catchUpRounds ?? 3;
  const ready: NodeId[] = [];
  for (const learner of c.learners) {
    const match = s.matchIndex[learner] ?? 0;
    const r = s.catchUp[learner];
    if (r === undefined || r.term !== s.currentTerm) {
      s.catchUp[learner] = { term: s.currentTerm, round: 1, target: lastLogIndex(s), startedMs: env.now };
      continue;
    }
    if (r.round > rounds) {
      ready.push(learner);
      continue;
    }
    if (match < r.target || env.now === r.startedMs) continue;
    const ms = env.now - r.startedMs;
    env.record('catch-up-round', { server: learner, round: r.round, ms, matchIndex: match });
    if (r.round >= rounds && ms < s.config.electionTimeoutMs[0]) {
      env.note(`${learner} has caught up: round ${r.round} took ${ms} ms, under the election timeout (thesis §4.2.1)`);
      s.catchUp[learner] = { ...r, round: rounds + 1 };
      ready.push(learner);
    } else {
      env.note(`${learner} finishes catch-up round ${r.round} in ${ms} ms (match ${match})`);
      s.catchUp[learner] = { term: s.currentTerm, round: r.round + 1, target: lastLogIndex(s), startedMs: env.now };
    }
  }
  if (ready.length === 0) return;
  if (jointMode(s)) {
    if (ready.length < c.learners.length) return; // joint consensus adds every learner at once (paper §6)
    if (changeRefusal(s, env) !== null) return;
    const voters = inOrder(s, [...c.voters, ...ready]);
    appendConfig(s, { kind: 'config', voters, learners: c.learners.filter((l) => !ready.includes(l)), votersOld: [...c.voters] }, env);
    return;
  }
  for (const learner of ready) {
    if (changeRefusal(s, env) !== null) return;
    const now = latestConfiguration(s);
    appendConfig(s, { kind: 'config', voters: inOrder(s, [...now.voters, learner]), learners: now.learners.filter((l) => l !== learner) }, env);
    if (s.role !== 'leader') return;
  }
}
