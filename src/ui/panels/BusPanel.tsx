/**
 * BusPanel: the network as a model checker's explorer shows it. In manual delivery mode every
 * message on the bus is listed with its type and fields, and the user delivers, drops or
 * duplicates it; armed timers fire only from here. Each choice is a timeline action, so the run
 * stays reproducible and its share link replays it.
 */
import { useShallow } from 'zustand/react/shallow';
import { getProtocol } from '../../core/protocols/registry';
import { useController } from '../controller/context';
import { useStore } from '../store/store';

export function BusPanel() {
  const controller = useController();
  const { manual, inFlight, armed, protocol, nodeIds, now } = useStore(
    useShallow((s) => ({ manual: s.manual, inFlight: s.inFlight, armed: s.armed, protocol: s.protocol, nodeIds: s.nodeIds, now: s.now })),
  );
  let describe = (m: unknown) => JSON.stringify(m);
  try {
    const p = getProtocol(protocol).protocol;
    describe = (m) => p.describeMessage(m);
  } catch {
    // no protocol loaded yet
  }
  const act = (a: Parameters<typeof controller.act>[0]) => void controller.act(a).catch((e: unknown) => useStore.getState().pushAlert('error', String(e)));
  const messages = [...inFlight].sort((a, b) => a.id - b.id);
  return (
    <section className="bus-panel" aria-label="Messages on the bus" data-testid="bus-panel" data-manual={manual}>
      <header className="bus-head">
        <h3>On the bus: {messages.length} message{messages.length === 1 ? '' : 's'}</h3>
        {manual ? (
          <span className="hint">Manual delivery: nothing moves until you choose. Time advances 1 ms per choice.</span>
        ) : (
          <>
            <span className="hint">Messages travel by themselves.</span>
            <button data-testid="bus-manual-on" onClick={() => void controller.setManual(true)}>
              Take over the network
            </button>
          </>
        )}
      </header>
      {manual && (
        <div className="bus-timers" data-testid="bus-timers">
          {nodeIds.flatMap((id) =>
            (armed[id] ?? []).map((tm) => (
              <button key={`${id}-${tm.name}`} data-testid={`fire-${id}-${tm.name}`} onClick={() => act({ action: 'fire', node: id, timer: tm.name })} title={`Due at ${tm.deadline} ms (now ${now} ms)`}>
                fire {id}'s {tm.name}
                {tm.deadline <= now ? ' (overdue)' : ''}
              </button>
            )),
          )}
        </div>
      )}
      <ol className="bus-list">
        {messages.map((m) => (
          <li key={m.id} className={m.held ? 'held' : ''} data-testid={`bus-msg-${m.id}`} data-from={m.from} data-to={m.to}>
            <span className="bus-id">#{m.id}</span>
            <span className="bus-route">
              {m.from} → {m.to}
            </span>
            <span className="bus-label">{describe(m.msg)}</span>
            {m.dup && <span className="bus-dup">duplicate</span>}
            {manual && m.held ? (
              <span className="bus-actions">
                <button className="primary" data-testid={`deliver-${m.id}`} onClick={() => act({ action: 'deliver', id: m.id })}>
                  Deliver
                </button>
                <button data-testid={`drop-${m.id}`} onClick={() => act({ action: 'drop', id: m.id })}>
                  Drop
                </button>
                <button data-testid={`duplicate-${m.id}`} onClick={() => act({ action: 'duplicate', id: m.id })}>
                  Duplicate
                </button>
              </span>
            ) : (
              <span className="bus-eta">arrives at {m.deliverAt} ms</span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
