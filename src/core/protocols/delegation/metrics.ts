/**
 * Delegation's run measures for `npm run sim -- --report` (ProtocolEntry.metrics): tasks submitted,
 * accepted, completed and duplicated; retries, reassignments and shed requests; the time to detect
 * each crash (virtual ms from the crash to the first suspicion of that node); and false suspicions
 * (a node suspected while it was up: a partition, a slow link or a pause).
 */
import type { ConsistencyInput } from '../plugin';
import type { NodeId } from '../../types';

/** downSpans gives, per node, the [crash, restart) spans of the scenario's timeline (virtual ms; restart Infinity if none). */
function downSpans(input: ConsistencyInput): Map<NodeId, [number, number][]> {
  const spans = new Map<NodeId, [number, number][]>();
  for (const a of input.scenario.timeline) {
    if (a.at > input.now) break;
    if (a.action === 'crash' && input.scenario.nodes.includes(a.node)) {
      const mine = spans.get(a.node) ?? [];
      if (!mine.length || mine.at(-1)![1] !== Infinity) mine.push([a.at, Infinity]);
      spans.set(a.node, mine);
    } else if (a.action === 'restart') {
      for (const [node, mine] of spans) if ((a.node === undefined || a.node === node) && mine.at(-1)?.[1] === Infinity) mine.at(-1)![1] = a.at;
    }
  }
  return spans;
}

/** delegationMetrics measures a run (see the module comment). */
export function delegationMetrics(input: ConsistencyInput): Record<string, unknown> {
  const submitted = new Set<string>();
  const accepted = new Set<string>();
  for (const r of input.history) {
    if (r.op.f !== 'submit') continue;
    if (r.phase === 'invoke') submitted.add(String(r.op.id));
    else if (r.phase === 'ok') accepted.add(String(r.op.id));
  }
  const applies = new Map<string, number>();
  const count = (kind: string): number => input.records.filter((r) => r.kind === kind).length;
  for (const r of input.records) if (r.kind === 'complete') applies.set(String(r.task), (applies.get(String(r.task)) ?? 0) + 1);
  const spans = downSpans(input);
  const suspicions = input.records.filter((r) => r.kind === 'suspect');
  const detectionMs: number[] = [];
  for (const [node, mine] of spans) {
    for (const [from, to] of mine) {
      const first = suspicions.find((r) => r.of === node && r.t >= from && r.t < to);
      if (first) detectionMs.push(first.t - from);
    }
  }
  const isDown = (node: NodeId, t: number): boolean => (spans.get(node) ?? []).some(([from, to]) => t >= from && t < to);
  const falseSuspicions = suspicions.filter((r) => !isDown(String(r.of), r.t)).length;
  return {
    tasks: { submitted: submitted.size, accepted: accepted.size, completed: applies.size, duplicated: [...applies.values()].filter((n) => n > 1).length },
    retries: count('retry'),
    reassigns: count('reassign'),
    shed: count('shed'),
    coordinatorAnnouncements: count('announce'),
    detectionMs,
    suspicions: suspicions.length,
    falseSuspicions,
  };
}
