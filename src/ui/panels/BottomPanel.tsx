/** BottomPanel: the area under the topology, as tabs — the event log, the space-time diagram, the bus. */
import { useShallow } from 'zustand/react/shallow';
import { useStore, type BottomTab } from '../store/store';
import { BusPanel } from './BusPanel';
import { EventLog } from './EventLog';
import { SpaceTimePanel } from './SpaceTimePanel';

const TABS: { id: BottomTab; label: string }[] = [
  { id: 'log', label: 'Event log' },
  { id: 'spacetime', label: 'Space-time diagram' },
  { id: 'bus', label: 'Bus' },
];

export function BottomPanel() {
  const { tab, manual, held } = useStore(useShallow((s) => ({ tab: s.bottomTab, manual: s.manual, held: s.inFlight.length })));
  return (
    <section className="bottom-panel">
      <nav className="tabs" role="tablist" aria-label="Views of the run">
        {TABS.map((t) => (
          <button key={t.id} role="tab" aria-selected={tab === t.id} data-testid={`tab-${t.id}`} onClick={() => useStore.getState().setBottomTab(t.id)}>
            {t.label}
            {t.id === 'bus' && <span className={`tab-count${manual ? ' manual' : ''}`}>{held}</span>}
          </button>
        ))}
      </nav>
      <div className="tab-body" role="tabpanel">
        {tab === 'log' && <EventLog />}
        {tab === 'spacetime' && <SpaceTimePanel />}
        {tab === 'bus' && <BusPanel />}
      </div>
    </section>
  );
}
