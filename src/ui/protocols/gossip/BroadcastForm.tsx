/**
 * The gossip request form: broadcast a value at the node, which acknowledges it at once and spreads
 * it. Proposes v1, v2, … (the next value no node holds yet), so each click starts a new rumour.
 */
import { useState, type FormEvent } from 'react';
import type { GossipDetail } from '../../../core/protocols/gossip';
import { useController } from '../../controller/context';
import { useStore, type PlaygroundState } from '../../store/store';
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
  const controller = useController();
  const suggested = useStore(nextValue);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const v = value.trim() || suggested;
    const op = { f: 'broadcast', value: v };
    controller
      .act({ action: 'request', op, node })
      .then((rec) => {
        if (rec?.action === 'request' && rec.client) useStore.getState().noteRequest({ client: rec.client, node, op, at: rec.at });
        setValue('');
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  };

  return (
    <form className="request-form" onSubmit={submit} aria-label={`Broadcast a value at ${node}`}>
      <div className="request-row">
        <input value={value} onChange={(e) => setValue(e.target.value)} placeholder={suggested} aria-label="value to broadcast" data-testid="request-value" size={10} />
        <button type="submit" className="primary" data-testid="request-send">
          Broadcast at {node}
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
