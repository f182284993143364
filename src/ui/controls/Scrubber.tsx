/**
 * Scrubber: the run's timeline as a slider from 0 to the furthest point known. Dragging shows the
 * cluster as it was at that virtual time (a seek: checkpoint + replay); seeks never pile up — while
 * one runs, only the latest position waits. Red ticks mark safety violations.
 */
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useController } from '../controller/context';
import { useChecks } from '../store/checks';
import { selectTravel } from '../store/selectors';
import { useStore } from '../store/store';

export function Scrubber() {
  const { now, horizonT, phase } = useStore(useShallow(selectTravel));
  const controller = useController();
  const violations = useChecks((c) => c.violations);
  const [drag, setDrag] = useState<number | null>(null);
  const busy = useRef(false);
  const pending = useRef<number | null>(null);
  const max = Math.max(1, horizonT);

  const seek = (t: number) => {
    pending.current = t;
    if (busy.current) return;
    busy.current = true;
    const next = async () => {
      while (pending.current !== null) {
        const target = pending.current;
        pending.current = null;
        await controller.travel.seekTime(target);
      }
      busy.current = false;
    };
    void next();
  };
  useEffect(() => {
    if (drag !== null && !busy.current && pending.current === null && Math.abs(drag - now) < 1) setDrag(null);
  }, [now, drag]);

  const shown = drag ?? now;
  return (
    <div className="scrubber" data-testid="scrubber-box">
      <div className="scrubber-track">
        <input
          type="range"
          data-testid="scrubber"
          aria-label="Virtual time: drag to travel back and forth in the run"
          min={0}
          max={max}
          step={1}
          value={Math.min(shown, max)}
          disabled={phase !== 'ready'}
          onChange={(e) => {
            const t = Number(e.target.value);
            setDrag(t);
            seek(t);
          }}
          onPointerUp={() => setDrag(null)}
        />
        <div className="scrubber-marks" aria-hidden="true">
          {violations.map((v, i) => (
            <span key={i} className="scrubber-mark bad" style={{ left: `${(100 * v.t) / max}%` }} title={`${v.property} at ${v.t} ms`} />
          ))}
        </div>
      </div>
      <span className="scrubber-label" data-testid="scrubber-label">
        {Math.round(shown).toLocaleString('en')} / {horizonT.toLocaleString('en')} ms
      </span>
    </div>
  );
}
