/**
 * The gossip request form: broadcast a value at the node, which acknowledges it at once and spreads
 * it. Proposes v1, v2, … (the next value no node holds yet), so each click starts a new rumour.
 */
import { useState } from 'react';
import type { GossipDetail } from '../../../core/protocols/gossip';
import { useStore, type PlaygroundState } from '../../store/store';
import { RequestFormShell } from '../RequestFormShell';
import type { RequestFormProps } from '../types';

/** nextValue gives the first of v1, v2, … that no node holds and no request sent so far named. */
function nextValue(s: PlaygroundState): string {
  const used = new Set<string>();
  for (const d of Object.values(s.details)) for (const x of (d.protocolDetail as GossipDetail | undefined)?.values ?? []) used.add(x.value);
  for (const r of s.sentRequests) if (typeof r.op.value === 'string') used.add(r.op.value);
  let i = 1;
  while (used.has(`v${i}`)) i++;
  return `v${i}`;
}

export function BroadcastForm({ node }: RequestFormProps) {
  const suggested = useStore(nextValue);
  const [value, setValue] = useState('');
  return (
    <RequestFormShell
      node={node}
      label={`Broadcast a value at ${node}`}
      button={`Broadcast at ${node}`}
      makeOp={() => ({ f: 'broadcast', value: value.trim() || suggested })}
      onSent={() => setValue('')}
    >
      <input value={value} onChange={(e) => setValue(e.target.value)} placeholder={suggested} aria-label="value to broadcast" data-testid="request-value" size={10} />
    </RequestFormShell>
  );
}
