/**
 * Replicated data by weighted voting (Gifford, SOSP 1979; more-protocols.md §6). A coordinator
 * (the node a client asks) runs each op in two phases:
 * - read phase: ask every replica for its copy until the answers hold r votes;
 * - write phase: a put writes its value at (highest version read + 1, its own op id); a get writes
 *   the newest copy it read back, unless the replicas holding it already hold w votes; either way
 *   until the acknowledgements hold w votes.
 * With r + w > V every read quorum meets every write quorum, so a read sees the last completed
 * write; the write-back keeps a later read from seeing an older copy than an earlier read did, and
 * the writer in the tag orders two writers that read the same version (Gifford serializes them
 * with locks instead). Votes come from the configuration: a replica's answer counts its configured
 * weight. Unanswered replicas are asked again every retryMs; a coordinator gives up silently after
 * {@link MAX_RETRIES} rounds, and the client, timing out, asks another node. A put that gathers its
 * read quorum only after putDeadlineMs is dropped, not written: by then its client may have retried
 * elsewhere, and a version chosen now would be a ghost write after later ones.
 */
import type { StepEnv } from '../../protocol';
import type { NodeId, Op } from '../../types';
import { compareTags, tagText, ZERO_TAG, type QuorumMessage, type Tag } from './messages';
import { RECENT_QUORUMS, weightOf, type Copy, type CoordOp, type QuorumState } from './state';

type Env = StepEnv<QuorumMessage>;

/** MAX_RETRIES bounds the rounds a coordinator asks again before it drops an op. */
export const MAX_RETRIES = 25;

/** copyOf gives this replica's copy of `key` (tag zero, value null when never written). */
export const copyOf = (s: QuorumState, key: string): Copy => s.copies.get(key) ?? { tag: ZERO_TAG, value: null };

const opTimer = (op: CoordOp): string => `op:${op.id}`;

/** startOp begins a get or put for a client, with its read phase. */
export function startOp(s: QuorumState, client: string, requestId: number, op: Op, env: Env): void {
  for (const o of s.ops.values()) if (o.client === client && o.requestId === requestId) return; // a retry of an op under way
  const f = op.f === 'put' ? 'put' : 'get';
  const c: CoordOp = {
    id: `${s.id}.${++s.opSeq}`,
    f,
    key: String(op.key),
    value: f === 'put' ? String(op.value) : null,
    client,
    requestId,
    phase: 'read',
    versions: new Map(),
    acks: new Set(),
    writing: null,
    retries: 0,
    startedAt: env.now,
  };
  s.ops.set(c.id, c);
  ask(s, c, env);
}

/** ask sends the op's current phase to every replica that has not answered it, and arms the retry. */
function ask(s: QuorumState, c: CoordOp, env: Env): void {
  const phase = c.phase;
  env.setTimer(opTimer(c), s.config.retryMs);
  for (const to of s.nodes) {
    if (phase === 'read' && !c.versions.has(to)) deliverOrSend(s, to, { type: 'ReadVersion', op: c.id, key: c.key, ...(c.f === 'put' ? { req: reqOf(c) } : {}) }, env);
    if (phase === 'write' && !c.acks.has(to)) {
      const w = c.writing!;
      deliverOrSend(s, to, { type: 'WriteVersion', op: c.id, key: c.key, tag: w.tag, value: w.value, ...(w.req ? { req: w.req } : {}) }, env);
    }
    if (!s.ops.has(c.id) || c.phase !== phase) return; // the coordinator's own answer completed the phase
  }
}

/** deliverOrSend answers a request to this node at once (its own replica), else sends it. */
function deliverOrSend(s: QuorumState, to: NodeId, m: QuorumMessage, env: Env): void {
  if (to === s.id) onDataMessage(s, s.id, m, env);
  else env.send(to, m);
}

/** reqOf names a client op's request, `client#requestId`: the same on every retry of it. */
const reqOf = (c: CoordOp): string => `${c.client}#${c.requestId}`;

/** splitReq gives the client and request id of `client#requestId`. */
function splitReq(req: string): [string, number] {
  const at = req.lastIndexOf('#');
  return [req.slice(0, at), Number(req.slice(at + 1))];
}

/** onOpTimer asks again those that have not answered, or drops the op after MAX_RETRIES rounds. */
export function onOpTimer(s: QuorumState, id: string, env: Env): void {
  const c = s.ops.get(id);
  if (!c) return;
  if (++c.retries > MAX_RETRIES) {
    s.ops.delete(id);
    env.note(`${s.id} gives up ${c.f} ${c.key}: no ${c.phase} quorum answered`);
    return;
  }
  ask(s, c, env);
}

/** votesOf sums the configured votes of `members`. */
const votesOf = (s: QuorumState, members: Iterable<NodeId>): number => {
  let n = 0;
  for (const m of members) n += weightOf(s, m);
  return n;
};

/** formed notes a quorum gathered: the `quorum` record and the panel's list. */
function formed(s: QuorumState, c: CoordOp, members: NodeId[], needed: number, env: Env): void {
  const q = { op: c.id, key: c.key, phase: c.phase, members, votes: votesOf(s, members), needed, at: env.now };
  s.quorums.push(q);
  if (s.quorums.length > RECENT_QUORUMS) s.quorums.shift();
  env.record('quorum', { op: c.id, key: c.key, phase: c.phase, members, votes: q.votes, needed, ...(c.writing ? { version: c.writing.tag.version } : {}) });
}

/** onDataMessage handles the replicated-data messages, as replica or as coordinator. */
export function onDataMessage(s: QuorumState, from: NodeId, m: QuorumMessage, env: Env): void {
  switch (m.type) {
    case 'ReadVersion': {
      const copy = copyOf(s, m.key);
      let done: Tag | undefined;
      if (m.req) {
        const [client, requestId] = splitReq(m.req);
        const w = s.written.get(`${client} ${m.key}`);
        if (w && w.requestId === requestId) done = w.tag;
      }
      deliverOrSend(s, from, { type: 'Version', op: m.op, key: m.key, tag: copy.tag, value: copy.value, ...(copy.req ? { req: copy.req } : {}), ...(done ? { done } : {}) }, env);
      return;
    }
    case 'WriteVersion': {
      const copy = copyOf(s, m.key);
      if (compareTags(m.tag, copy.tag) > 0) s.copies.set(m.key, { tag: m.tag, value: m.value, ...(m.req ? { req: m.req } : {}) });
      if (m.req) {
        const [client, requestId] = splitReq(m.req);
        const k = `${client} ${m.key}`;
        const w = s.written.get(k);
        if (!w || w.requestId < requestId || (w.requestId === requestId && compareTags(m.tag, w.tag) < 0)) s.written.set(k, { requestId, tag: m.tag });
      }
      deliverOrSend(s, from, { type: 'WriteAck', op: m.op, key: m.key, tag: m.tag }, env);
      return;
    }
    case 'Version':
      onVersion(s, from, m.op, { tag: m.tag, value: m.value, ...(m.req ? { req: m.req } : {}) }, m.done, env);
      return;
    case 'WriteAck':
      onAck(s, from, m.op, m.tag, env);
      return;
    default:
      return;
  }
}

/** newest gives the copy with the highest tag among `versions`, and the replicas holding it. */
function newest(versions: Map<NodeId, Copy>): { copy: Copy; holders: NodeId[] } {
  let copy: Copy = { tag: ZERO_TAG, value: null };
  let holders: NodeId[] = [];
  for (const [node, c] of versions) {
    const cmp = compareTags(c.tag, copy.tag);
    if (cmp > 0) [copy, holders] = [c, [node]];
    else if (cmp === 0) holders.push(node);
  }
  return { copy, holders };
}

function onVersion(s: QuorumState, from: NodeId, id: string, copy: Copy, done: Tag | undefined, env: Env): void {
  const c = s.ops.get(id);
  if (!c || c.phase !== 'read' || c.versions.has(from)) return;
  c.versions.set(from, copy);
  if (done && (!c.done || compareTags(done, c.done) < 0)) c.done = done;
  const firstOnly = s.config.bugs.includes('read-first-reply') && c.f === 'get';
  const needed = firstOnly ? weightOf(s, from) : s.rules.r;
  if (votesOf(s, c.versions.keys()) < needed) return;
  formed(s, c, [...c.versions.keys()], s.rules.r, env);
  const { copy: top, holders } = newest(c.versions);
  if (c.f === 'put' && env.now - c.startedAt > s.config.putDeadlineMs) {
    s.ops.delete(c.id);
    env.clearTimer(opTimer(c));
    env.note(`${s.id} drops put ${c.key} = ${c.value}: its read quorum came after ${s.config.putDeadlineMs} ms, when its client may have retried elsewhere`);
    return;
  }
  if (c.f === 'put') {
    // A retry whose first attempt some replica stored finishes that write, at its tag: at most once.
    c.writing = { tag: c.done ?? { version: top.tag.version + 1, writer: c.id }, value: c.value, req: reqOf(c) };
  } else if (firstOnly || votesOf(s, holders) >= s.rules.w) {
    finish(s, c, top, env); // the newest copy already stands on a write quorum: no write-back needed
    return;
  } else {
    c.writing = top;
  }
  c.phase = 'write';
  c.retries = 0;
  ask(s, c, env);
}

function onAck(s: QuorumState, from: NodeId, id: string, tag: Tag, env: Env): void {
  const c = s.ops.get(id);
  if (!c || c.phase !== 'write' || c.acks.has(from) || compareTags(tag, c.writing!.tag) !== 0) return;
  c.acks.add(from);
  if (votesOf(s, c.acks) < s.rules.w) return;
  formed(s, c, [...c.acks], s.rules.w, env);
  finish(s, c, c.writing!, env);
}

/** finish answers the client: a get with the copy it read, a put with ok. */
function finish(s: QuorumState, c: CoordOp, copy: Copy, env: Env): void {
  s.ops.delete(c.id);
  env.clearTimer(opTimer(c));
  if (c.f === 'get') env.reply(c.client, c.requestId, { kind: 'result', result: { ok: true, value: copy.value } });
  else env.reply(c.client, c.requestId, { kind: 'result', result: { ok: true } });
  env.note(`${s.id} ${c.f === 'get' ? `reads ${c.key} = ${copy.value ?? 'nil'} at ${tagText(copy.tag)}` : `writes ${c.key} = ${copy.value} at ${tagText(copy.tag)}`}`);
}
