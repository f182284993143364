/**
 * KvRequestForm sends a key-value client request to a node: f = get/put/append/cas with key, value
 * and expected value, recorded as a `request` action (a fresh client each time). Raft's and PBFT's
 * looks share it; the request dock (panels/RequestForm.tsx) lists what became of the requests.
 */
import { useState } from 'react';
import type { KvOp } from '../../../core/types';
import { RequestFormShell } from '../RequestFormShell';
import type { RequestFormProps } from '../types';

type F = KvOp['f'];

export function KvRequestForm({ node }: RequestFormProps) {
  const [f, setF] = useState<F>('put');
  const [key, setKey] = useState('x');
  const [value, setValue] = useState('1');
  const [expected, setExpected] = useState('');
  const makeOp = (): KvOp => (f === 'get' ? { f, key } : f === 'cas' ? { f, key, expected, value } : { f, key, value });

  return (
    <RequestFormShell node={node} label={`Send a client request to ${node}`} button={`Send to ${node}`} makeOp={makeOp}>
      <select value={f} onChange={(e) => setF(e.target.value as F)} data-testid="request-f" aria-label="operation">
        <option value="get">get</option>
        <option value="put">put</option>
        <option value="append">append</option>
        <option value="cas">cas</option>
      </select>
      <input value={key} onChange={(e) => setKey(e.target.value)} placeholder="key" aria-label="key" data-testid="request-key" size={5} />
      {f === 'cas' ? (
        <input value={expected} onChange={(e) => setExpected(e.target.value)} placeholder="expected" aria-label="expected value" data-testid="request-expected" size={5} />
      ) : null}
      {f !== 'get' ? (
        <input value={value} onChange={(e) => setValue(e.target.value)} placeholder="value" aria-label="value" data-testid="request-value" size={5} />
      ) : null}
    </RequestFormShell>
  );
}
