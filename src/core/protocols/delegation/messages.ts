/**
 * Delegation's messages. The coordinator's Heartbeat and the followers' HeartbeatAck detect failures
 * both ways; Election, Answer and Announce are the bully election by rank (Garcia-Molina 1982);
 * a Report carries a follower's report (the tasks it holds, runs and applied, and the done-records
 * it keeps), from which a new coordinator rebuilds its task table. Assign/AssignAck hand a task to a
 * follower under a fencing token (the coordinator's epoch and the task's attempt); Done reports a
 * finished attempt; Accept/Accepted copy the coordinator's decision that the task is done to a
 * majority before Commit lets the follower apply the task's effect; Abort tells a stale attempt to
 * give up.
 */

/** TaskSpec is what a client submits: a task id, the capability it needs, and how long it runs (virtual ms). */
export interface TaskSpec {
  id: string;
  capability: string;
  durationMs: number;
}

/**
 * Token fences an attempt: the epoch of the coordinator that assigned it and the task's attempt
 * number. Tokens order by epoch, then attempt; only the task's current token may commit.
 */
export interface Token {
  epoch: number;
  attempt: number;
}

/** DoneRecord is a coordinator's decision that `task` is done by the attempt `token` at `worker`, made in `epoch`. */
export interface DoneRecord {
  task: string;
  spec: TaskSpec;
  token: Token;
  worker: string;
  epoch: number;
}

/** HeldReport is one task a follower holds, as its Report reports it. */
export interface HeldReport {
  spec: TaskSpec;
  token: Token;
  /** `running`: still working; `finished`: worked, waiting for Commit. */
  status: 'running' | 'finished';
}

export interface Heartbeat {
  type: 'Heartbeat';
  epoch: number;
}
export interface HeartbeatAck {
  type: 'HeartbeatAck';
  epoch: number;
}
/** Election asks every higher-ranked node whether it is alive (bully). */
export interface Election {
  type: 'Election';
}
/** Answer tells a lower-ranked node that a higher one is alive and takes over the election. */
export interface Answer {
  type: 'Answer';
}
/** Announce: the sender coordinates from `epoch` on. */
export interface Announce {
  type: 'Announce';
  epoch: number;
}
/** Report: the sender follows `epoch` and refuses lower ones; with its report. */
export interface Report {
  type: 'Report';
  epoch: number;
  held: HeldReport[];
  done: DoneRecord[];
  applied: { spec: TaskSpec; token: Token }[];
}
/** Reject: the sender already follows `epoch`, higher than the one it was asked to. */
export interface Reject {
  type: 'Reject';
  epoch: number;
}
export interface Assign {
  type: 'Assign';
  epoch: number;
  task: TaskSpec;
  token: Token;
}
export interface AssignAck {
  type: 'AssignAck';
  epoch: number;
  task: string;
  token: Token;
}
export interface Done {
  type: 'Done';
  task: string;
  spec: TaskSpec;
  token: Token;
}
export interface Accept {
  type: 'Accept';
  epoch: number;
  record: DoneRecord;
}
export interface Accepted {
  type: 'Accepted';
  epoch: number;
  task: string;
}
export interface Commit {
  type: 'Commit';
  epoch: number;
  task: string;
  spec: TaskSpec;
  token: Token;
}
export interface Abort {
  type: 'Abort';
  epoch: number;
  task: string;
  token: Token;
  reason: string;
}

/** DelegationMessage is every message delegation sends. */
export type DelegationMessage = Heartbeat | HeartbeatAck | Election | Answer | Announce | Report | Reject | Assign | AssignAck | Done | Accept | Accepted | Commit | Abort;

/** MESSAGE_TYPES lists every message type, for menus. */
export const MESSAGE_TYPES: readonly DelegationMessage['type'][] = ['Heartbeat', 'HeartbeatAck', 'Election', 'Answer', 'Announce', 'Report', 'Reject', 'Assign', 'AssignAck', 'Done', 'Accept', 'Accepted', 'Commit', 'Abort'];

/** messageType names a message's kind. */
export const messageType = (m: DelegationMessage): string => m.type;

/** tokenText words a token: `#2@e3` (attempt 2, epoch 3). */
export const tokenText = (t: Token): string => `#${t.attempt}@e${t.epoch}`;

/** compareTokens orders tokens by epoch, then attempt: negative when `a` is older. */
export const compareTokens = (a: Token, b: Token): number => a.epoch - b.epoch || a.attempt - b.attempt;

/** sameToken tells whether two tokens name one attempt. */
export const sameToken = (a: Token, b: Token): boolean => a.epoch === b.epoch && a.attempt === b.attempt;

/** describeMessage gives a short label, e.g. `Assign t3 #2@e1 (gpu, 400 ms)`. */
export function describeMessage(m: DelegationMessage): string {
  switch (m.type) {
    case 'Heartbeat':
    case 'HeartbeatAck':
    case 'Announce':
    case 'Reject':
      return `${m.type} epoch ${m.epoch}`;
    case 'Election':
    case 'Answer':
      return m.type;
    case 'Report':
      return `Report epoch ${m.epoch}: holds ${m.held.length}, applied ${m.applied.length}`;
    case 'Assign':
      return `Assign ${m.task.id} ${tokenText(m.token)} (${m.task.capability}, ${m.task.durationMs} ms)`;
    case 'AssignAck':
    case 'Done':
    case 'Commit':
      return `${m.type} ${m.task} ${tokenText(m.token)}`;
    case 'Abort':
      return `Abort ${m.task} ${tokenText(m.token)}: ${m.reason}`;
    case 'Accept':
      return `Accept ${m.record.task} done by ${m.record.worker} ${tokenText(m.record.token)}`;
    case 'Accepted':
      return `Accepted ${m.task} (epoch ${m.epoch})`;
    default: {
      const never: never = m;
      throw new Error(`unknown delegation message ${JSON.stringify(never)}`);
    }
  }
}
