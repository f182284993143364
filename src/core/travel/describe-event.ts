/**
 * describeEvent puts one event of a run into words for the "current event" line, e.g.
 * "n3 receives RequestVote t4 last 7/3 from n1. n3 grants its vote to n1 in term 4: n1's log is at
 * least as up to date." The head comes from the event's first record (a delivery, a timer, an
 * action, a client step); the reasons are the protocol's own notes (StepEnv.note); then what
 * changed (in the protocol's own epoch word: term, view) and what was sent.
 */
import { epochText, hasLogOf, type AnyProtocol } from '../protocol';
import type { TraceRecord } from '../trace';
import { actionText, messageLabel, opText, resumeText } from '../describe';

/**
 * describeEvent describes the records one event produced, in order. `msgOf` finds a message by its
 * trace id (deliver and drop records carry only the id). Gives '' for no records.
 */
export function describeEvent(all: readonly TraceRecord[], protocol: AnyProtocol, msgOf: (id: number) => unknown): string {
  const label = (m: unknown, from: string) => (m === undefined ? 'a message' : messageLabel(protocol, m, from));
  const parts: string[] = [];
  // A manual delivery, drop or timer firing: the action's own record (deliver, drop, timer) says it better.
  const manual = all[0]?.type === 'fault' && ['deliver', 'drop', 'fire'].includes(all[0].action) && all[0].skipped === undefined;
  const records = manual ? all.slice(1) : all;
  const first = records[0];
  if (!first) return '';
  switch (first.type) {
    case 'deliver':
      parts.push(`${first.to} receives ${label(msgOf(first.id), first.from)} from ${first.from}.`);
      break;
    case 'drop':
      if (records.length === 1 || records[1]?.type !== 'drop') {
        parts.push(`${label(msgOf(first.id), first.from)} from ${first.from} to ${first.to} is dropped (${first.reason}).`);
      }
      break;
    case 'timer':
      parts.push(`${first.node}'s ${first.name} timer fires.`);
      break;
    case 'fault':
      parts.push(`${actionText(first)}${typeof first.skipped === 'string' ? ` — skipped: ${first.skipped}` : ''}.`);
      break;
    case 'resume':
      parts.push(`${resumeText(first)}.`);
      break;
    case 'client':
      if (first.phase === 'invoke') parts.push(`${first.client} sends ${opText(first.op)} to ${first.node ?? '?'}.`);
      else if (first.phase === 'ok') parts.push(`${first.client} gets ok for ${opText(first.op)}${first.op.f === 'get' ? ` = ${JSON.stringify(first.result ?? null)}` : ''} from ${first.node ?? '?'}.`);
      else parts.push(`${first.client}'s ${opText(first.op)} ${first.phase === 'fail' ? `fails: ${String(first.result)}` : 'has an unknown outcome'}.`);
      break;
    default:
      break;
  }
  const notes = records.filter((r): r is Extract<TraceRecord, { type: 'note' }> => r.type === 'note').map((r) => r.text);
  for (const n of notes) parts.push(/[.!?]$/.test(n) ? n : `${n}.`);
  if (notes.length === 0) {
    for (const r of records) {
      if (r.type !== 'state') continue;
      if (r.role === 'crashed') {
        parts.push(`${r.node} is down.`);
        continue;
      }
      const epoch = epochText(protocol, r.term);
      const where = [epoch ? `in ${epoch}` : '', hasLogOf(protocol) ? `commitIndex ${r.commitIndex}` : ''].filter(Boolean).join(', ');
      parts.push(`${r.node} is ${r.role}${where ? ` ${where}` : ''}.`);
    }
  }
  const sends = new Map<string, string[]>();
  for (const r of records) {
    if (r.type !== 'send' || r.dup) continue;
    const key = `${r.from} sends ${protocol.messageType(r.msg)}`;
    sends.set(key, [...(sends.get(key) ?? []), r.to]);
  }
  for (const [what, to] of sends) parts.push(`${what} to ${to.join(', ')}.`);
  const applied = records.filter((r) => r.type === 'apply');
  if (applied.length) {
    const node = (applied[0] as Extract<TraceRecord, { type: 'apply' }>).node;
    parts.push(`${node} applies ${applied.length === 1 ? 'entry' : 'entries'} ${applied.map((r) => (r as { index: number }).index).join(', ')}.`);
  }
  return parts.join(' ');
}
