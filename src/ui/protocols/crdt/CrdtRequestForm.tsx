/**
 * The CRDT request form: the ops the cluster's type serves (a counter: inc, dec; a set: add,
 * remove; the register: set; every type: read), and one field for the amount, element or value.
 */
import { useState } from 'react';
import { useStore } from '../../store/store';
import { RequestFormShell } from '../RequestFormShell';
import type { RequestFormProps } from '../types';
import { opFor, opsOfType } from './words';

export function CrdtRequestForm({ node }: RequestFormProps) {
  const type = useStore((s) => String(s.config.type ?? 'pn-counter'));
  const names = opsOfType(type);
  const [picked, setPicked] = useState<string | null>(null);
  const [arg, setArg] = useState('');
  const f = picked && names.includes(picked) ? picked : names[0]!;
  const hint = f === 'inc' || f === 'dec' ? '1' : f === 'add' || f === 'remove' ? 'x' : f === 'set' ? 'v' : '';
  return (
    <RequestFormShell node={node} label={`Update ${node}`} button={`Send to ${node}`} makeOp={() => opFor(f, arg.trim() || hint)} onSent={() => setArg('')}>
      <select value={f} onChange={(e) => setPicked(e.target.value)} aria-label="operation" data-testid="request-op">
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      {f !== 'read' ? <input value={arg} onChange={(e) => setArg(e.target.value)} placeholder={hint} aria-label={f === 'inc' || f === 'dec' ? 'by' : f === 'set' ? 'value' : 'element'} data-testid="request-value" size={6} /> : null}
    </RequestFormShell>
  );
}
