/**
 * RequestForm sends a client request to a node: f = get/put/append/cas with key, value and
 * expected value, recorded as a `request` action (a fresh client each time). Under it, the latest
 * requests it sent and what became of them at the moment shown: ok (and the value a get read),
 * failed, unknown, or still waiting, with the latency in virtual ms. It sits in the request dock at
 * the foot of the side panel, so it stays in view however the panel is scrolled.
 */
import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { NodeId, KvOp } from '../../core/types';
import { useController } from '../controller/context';
import { selectPanelNode } from '../store/selectors';
import { useStore, type PlaygroundState } from '../store/store';
import { opText, requestOutcome } from './requestOutcome';

type F = KvOp['f'];

/** SHOWN is how many of the latest requests the form lists. */
const SHOWN = 3;

const selectSent = (s: PlaygroundState) => ({ sent: s.sentRequests, outcomes: s.clientOutcomes, now: s.now });

/** Outcomes lists the latest requests sent from the form, newest first, each with its outcome. */
function Outcomes() {
  const { sent, outcomes, now } = useStore(useShallow(selectSent));
  if (!sent.length) return null;
  return (
    <ul className="request-outcomes" aria-live="polite" aria-label="Requests sent">
      {sent
        .slice(-SHOWN)
        .reverse()
        .map((r) => {
          const o = requestOutcome(r, outcomes[r.client], now);
          return (
            <li key={`${r.client}@${r.at}`} className={`request-outcome is-${o.state}`} data-testid="request-outcome" data-state={o.state} data-client={r.client}>
              <b>{opText(r.op)}</b> → {r.node}: {o.text}
            </li>
          );
        })}
    </ul>
  );
}

export function RequestForm({ node }: { node: NodeId }) {
  const controller = useController();
  const [f, setF] = useState<F>('put');
  const [key, setKey] = useState('x');
  const [value, setValue] = useState('1');
  const [expected, setExpected] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const op: KvOp =
      f === 'get' ? { f, key } : f === 'cas' ? { f, key, expected, value } : { f, key, value };
    setError(null);
    controller
      .act({ action: 'request', op, node })
      .then((rec) => {
        if (rec?.action === 'request' && rec.client) useStore.getState().noteRequest({ client: rec.client, node, op, at: rec.at });
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  };

  return (
    <form className="request-form" onSubmit={submit} aria-label={`Send a client request to ${node}`}>
      <div className="request-row">
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
        <button type="submit" className="primary" data-testid="request-send">
          Send to {node}
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <Outcomes />
    </form>
  );
}

/** RequestDock holds the request form for the node the panel shows, pinned to the panel's foot. */
export function RequestDock() {
  const node = useStore(selectPanelNode);
  if (!node) return null;
  return (
    <section className="request-dock" aria-label="Client request" data-testid="request-dock">
      <h3>Client request</h3>
      <RequestForm node={node} />
    </section>
  );
}
