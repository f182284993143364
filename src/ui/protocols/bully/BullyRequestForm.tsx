/**
 * The bully request form: set the node's load or health (its score, in score mode, is priority +
 * health − load), or ask it whom it follows. Each is a client request, so a share link replays it.
 */
import { useState } from 'react';
import { RequestFormShell } from '../RequestFormShell';
import type { RequestFormProps } from '../types';

type F = 'load' | 'health' | 'who';

export function BullyRequestForm({ node }: RequestFormProps) {
  const [f, setF] = useState<F>('load');
  const [value, setValue] = useState('');
  const makeOp = () => {
    if (f === 'who') return { f };
    const n = Number(value.trim() || (f === 'load' ? '50' : '100'));
    if (!Number.isFinite(n) || n < 0 || n > 1000) throw new Error(`the ${f} must be a number from 0 to 1000 (got ${value.trim() || 'nothing'})`);
    return { f, value: n };
  };
  return (
    <RequestFormShell node={node} label={`Send a request to ${node}`} button={`Send to ${node}`} makeOp={makeOp} onSent={() => setValue('')}>
      <select value={f} onChange={(e) => setF(e.target.value as F)} aria-label="operation" data-testid="request-op">
        <option value="load">load</option>
        <option value="health">health</option>
        <option value="who">who coordinates?</option>
      </select>
      {f === 'who' ? null : (
        <input value={value} onChange={(e) => setValue(e.target.value)} placeholder={f === 'load' ? '50' : '100'} aria-label={`new ${f}`} data-testid="request-value" size={5} inputMode="numeric" />
      )}
    </RequestFormShell>
  );
}
