/**
 * BottomPanel: the area under the topology, as tabs — the event log, the space-time diagram, the
 * bus. On a narrow screen the side panel's sections join them as tabs (`extra`, listed first).
 */
import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore, type BottomTab } from '../store/store';
import { BusPanel } from './BusPanel';
import { EventLog } from './EventLog';
import { SpaceTimePanel } from './SpaceTimePanel';

/** ExtraTab is a tab added by the page layout: its id, its label and what it shows. */
export interface ExtraTab {
  id: BottomTab;
  label: string;
  body: ReactNode;
}

const TABS: { id: BottomTab; label: string }[] = [
  { id: 'log', label: 'Event log' },
  { id: 'spacetime', label: 'Space-time diagram' },
  { id: 'bus', label: 'Bus' },
];

export function BottomPanel({ extra = [] }: { extra?: readonly ExtraTab[] }) {
  const { chosen, manual, held } = useStore(useShallow((s) => ({ chosen: s.bottomTab, manual: s.manual, held: s.inFlight.length })));
  const tabs = [...extra, ...TABS];
  // A tab that only a narrow screen has falls back to the event log on a wide one.
  const tab = tabs.some((t) => t.id === chosen) ? chosen : 'log';
  const shown = extra.find((t) => t.id === tab);
  return (
    <section className={`bottom-panel${shown ? ' is-auto' : ''}`}>
      <nav className="tabs" role="tablist" aria-label="Views of the run">
        {tabs.map((t) => (
          <button key={t.id} role="tab" aria-selected={tab === t.id} data-testid={`tab-${t.id}`} onClick={() => useStore.getState().setBottomTab(t.id)}>
            {t.label}
            {t.id === 'bus' && <span className={`tab-count${manual ? ' manual' : ''}`}>{held}</span>}
          </button>
        ))}
      </nav>
      <div className="tab-body" role="tabpanel">
        {shown ? <div className="tab-sections">{shown.body}</div> : null}
        {tab === 'log' && <EventLog />}
        {tab === 'spacetime' && <SpaceTimePanel />}
        {tab === 'bus' && <BusPanel />}
      </div>
    </section>
  );
}
