/**
 * RequestDock holds the running protocol's request form (its look's `requestForm`: Raft's and
 * PBFT's key-value form, or a protocol's own) for the node the panel shows, pinned to the foot of
 * the side panel so it stays in view however the panel is scrolled. Under the form, the latest
 * requests it sent and what became of them at the moment shown: ok (and the value a get read),
 * failed, unknown, or still waiting, with the latency in virtual ms. A protocol with no form has
 * no dock.
 */
import { useShallow } from 'zustand/react/shallow';
import { PROTOCOLS } from '../../core/protocols/registry';
import { useLook } from '../protocols/useLook';
import { selectPanelNode } from '../store/selectors';
import { useStore, type PlaygroundState } from '../store/store';
import { opText, requestOutcome } from './requestOutcome';

/** SHOWN is how many of the latest requests the dock lists. */
const SHOWN = 3;

const selectSent = (s: PlaygroundState) => ({ sent: s.sentRequests, outcomes: s.clientOutcomes, now: s.now, protocol: s.protocol });

/** Outcomes lists the latest requests sent from the form, newest first, each with its outcome. */
function Outcomes() {
  const { sent, outcomes, now, protocol } = useStore(useShallow(selectSent));
  if (!sent.length) return null;
  // The protocol words its own ops (ProtocolEntry.ops.describe: `txn x=1 y=2`), else the generic words.
  const words = PROTOCOLS[protocol]?.ops.describe ?? opText;
  return (
    <ul className="request-outcomes" aria-live="polite" aria-label="Requests sent">
      {sent
        .slice(-SHOWN)
        .reverse()
        .map((r) => {
          const o = requestOutcome(r, outcomes[r.client], now);
          return (
            <li key={`${r.client}@${r.at}`} className={`request-outcome is-${o.state}`} data-testid="request-outcome" data-state={o.state} data-client={r.client}>
              <b>{words(r.op)}</b> → {r.node}: {o.text}
            </li>
          );
        })}
    </ul>
  );
}

/** RequestDock holds the request form for the node the panel shows, pinned to the panel's foot. */
export function RequestDock() {
  const node = useStore(selectPanelNode);
  const Form = useLook().requestForm;
  if (!node || !Form) return null;
  return (
    <section className="request-dock" aria-label="Client request" data-testid="request-dock">
      <h3>Client request</h3>
      <Form node={node} />
      <Outcomes />
    </section>
  );
}
