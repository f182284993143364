/**
 * The lease-lock request form: have a client take the lock and write a value to storage under its
 * fencing token. Proposes A, B, C, … (a letter no request has used yet). At a lock node or storage
 * the request is redirected to a client.
 */
import { useState } from 'react';
import { useStore, type PlaygroundState } from '../../store/store';
import { RequestFormShell } from '../RequestFormShell';
import type { RequestFormProps } from '../types';

/** nextValue gives the first of A, B, …, Z, then W27, W28, … that no request sent so far named. */
function nextValue(s: PlaygroundState): string {
  const used = new Set(s.sentRequests.map((r) => String(r.op.value)));
  for (let i = 0; ; i++) {
    const v = i < 26 ? String.fromCharCode(65 + i) : `W${i + 1}`;
    if (!used.has(v)) return v;
  }
}

export function WriteForm({ node }: RequestFormProps) {
  const suggested = useStore(nextValue);
  const [value, setValue] = useState('');
  return (
    <RequestFormShell
      node={node}
      label={`Have ${node} take the lock and write to storage`}
      button={`Write via ${node}`}
      makeOp={() => ({ f: 'write', value: value.trim() || suggested })}
      onSent={() => setValue('')}
    >
      <input value={value} onChange={(e) => setValue(e.target.value)} placeholder={suggested} aria-label="value to write" data-testid="request-value" size={10} />
    </RequestFormShell>
  );
}
