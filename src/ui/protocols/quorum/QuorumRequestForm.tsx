/**
 * QuorumRequestForm sends a client op to a node, recorded as a `request` action (a fresh client
 * each time): a proposal `propose p1 = x` (the next unused id is suggested), a `put x 1` or a
 * `get x`. The node coordinates it: a weighted vote, or Gifford's read and write quorums.
 */
import { useState } from 'react';
import type { QuorumDetail } from '../../../core/protocols/quorum';
import { useStore, type PlaygroundState } from '../../store/store';
import { RequestFormShell } from '../RequestFormShell';
import type { RequestFormProps } from '../types';

type Kind = 'propose' | 'put' | 'get';

/** nextProposal gives the first of p1, p2, … that no tally holds and no request sent so far named. */
function nextProposal(s: PlaygroundState): string {
  const used = new Set<string>();
  for (const d of Object.values(s.details)) for (const p of (d.protocolDetail as QuorumDetail | undefined)?.proposals ?? []) used.add(p.id);
  for (const r of s.sentRequests) if (r.op.f === 'propose') used.add(String(r.op.id));
  let i = 1;
  while (used.has(`p${i}`)) i++;
  return `p${i}`;
}

export function QuorumRequestForm({ node }: RequestFormProps) {
  const suggested = useStore(nextProposal);
  const [kind, setKind] = useState<Kind>('propose');
  const [name, setName] = useState('');
  const [value, setValue] = useState('x');
  const makeOp = () => {
    const v = value.trim();
    if (kind === 'propose') {
      if (!v) throw new Error('give the value to propose, e.g. x');
      return { f: 'propose', id: name.trim() || suggested, value: v };
    }
    const key = name.trim() || 'x';
    if (kind === 'get') return { f: 'get', key };
    if (!v) throw new Error('give the value to put, e.g. 1');
    return { f: 'put', key, value: v };
  };
  return (
    <RequestFormShell node={node} label={`Send a request to ${node}`} button={`Send to ${node}`} makeOp={makeOp} onSent={() => setName('')}>
      <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} aria-label="operation" data-testid="request-f">
        <option value="propose">propose</option>
        <option value="put">put</option>
        <option value="get">get</option>
      </select>
      <input value={name} onChange={(e) => setName(e.target.value)} placeholder={kind === 'propose' ? suggested : 'x'} aria-label={kind === 'propose' ? 'proposal id' : 'key'} data-testid="request-key" size={4} />
      {kind !== 'get' ? <input value={value} onChange={(e) => setValue(e.target.value)} aria-label="value" data-testid="request-value" size={6} /> : null}
    </RequestFormShell>
  );
}
