/**
 * TimelineBar: time travel, one row under the controls — back to the start, one event back, step
 * to the next event of a kind, the scrubber, the current event in words, manual delivery,
 * breakpoints and the keyboard help.
 */
import { useShallow } from 'zustand/react/shallow';
import { useController } from '../controller/context';
import { selectCurrentEvent, selectTravel } from '../store/selectors';
import { useStore } from '../store/store';
import { BreakpointsMenu, ConditionEditor } from './BreakpointsMenu';
import { Scrubber } from './Scrubber';
import { ShareExport } from './ShareExport';

function CurrentEvent() {
  const ev = useStore(selectCurrentEvent);
  return (
    <p className="current-event" data-testid="current-event" data-events={ev.events} aria-live="polite" title={ev.text}>
      {ev.events > 0 ? (
        <>
          <span className="current-event-n">#{ev.events.toLocaleString('en')}</span> {ev.text || 'nothing visible happens'}
        </>
      ) : (
        'The run has not started yet.'
      )}
    </p>
  );
}

export function TimelineBar() {
  const controller = useController();
  const { events, phase } = useStore(useShallow(selectTravel));
  const { stepTarget, manual, setStepTarget } = useStore(useShallow((s) => ({ stepTarget: s.stepTarget, manual: s.manual, setStepTarget: s.setStepTarget })));
  const ready = phase === 'ready';
  return (
    <section className="timeline-bar" aria-label="Time travel">
      <div className="group" role="group" aria-label="Stepping">
        <button data-testid="to-start" disabled={!ready || events === 0} onClick={() => void controller.travel.seekEvents(0)} title="Back to the start (Home)">
          ◂◂
        </button>
        <button data-testid="step-back" disabled={!ready || events === 0} onClick={() => void controller.travel.stepBack()} title="One event back (←)">
          ◂ Back
        </button>
        <span className="step-next">
          <ConditionEditor value={stepTarget} onChange={setStepTarget} testid="next" />
          <button data-testid="step-next" disabled={!ready} onClick={() => void controller.travel.stepToNext()} title="Run to the next event of this kind (Shift+→ or N)">
            Next ▸▸
          </button>
        </span>
      </div>
      <Scrubber />
      <button
        className={manual ? 'manual-on' : ''}
        data-testid="manual-toggle"
        aria-pressed={manual}
        disabled={!ready}
        onClick={() => void controller.setManual(!manual)}
        title="Manual delivery: you pick which message is delivered, dropped or duplicated, and fire the timers (M)"
      >
        Manual {manual ? 'on' : 'off'}
      </button>
      <BreakpointsMenu />
      <ShareExport />
      <button className="help-btn" data-testid="help" aria-label="Keyboard shortcuts" onClick={() => useStore.getState().setHelpOpen(true)} title="Keyboard shortcuts (?)">
        ?
      </button>
      <CurrentEvent />
    </section>
  );
}
