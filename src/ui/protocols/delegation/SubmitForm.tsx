/**
 * The delegation request form: submit a task (an id, the capability it needs, its duration in
 * virtual ms) through the node, which passes it to the coordinator. Proposes t1, t2, … (the next id
 * no request named yet).
 */
import { useState } from 'react';
import { useStore, type PlaygroundState } from '../../store/store';
import { RequestFormShell } from '../RequestFormShell';
import type { RequestFormProps } from '../types';

const nextId = (s: PlaygroundState): string => {
  const used = new Set(s.sentRequests.map((r) => String(r.op.id)));
  let i = 1;
  while (used.has(`t${i}`)) i++;
  return `t${i}`;
};

export function SubmitForm({ node }: RequestFormProps) {
  const suggested = useStore(nextId);
  const [id, setId] = useState('');
  const [capability, setCapability] = useState('cpu');
  const [duration, setDuration] = useState('400');
  return (
    <RequestFormShell
      node={node}
      label={`Submit a task through ${node}`}
      button="Submit"
      makeOp={() => ({ f: 'submit', id: id.trim() || suggested, capability: capability.trim() || 'cpu', durationMs: Math.max(1, Math.round(Number(duration) || 400)) })}
      onSent={() => setId('')}
    >
      <input value={id} onChange={(e) => setId(e.target.value)} placeholder={suggested} aria-label="task id" data-testid="request-value" size={4} />
      <input value={capability} onChange={(e) => setCapability(e.target.value)} aria-label="capability" size={4} />
      <input value={duration} onChange={(e) => setDuration(e.target.value)} aria-label="duration in virtual ms" size={4} />
    </RequestFormShell>
  );
}
