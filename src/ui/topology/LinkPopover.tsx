/**
 * LinkPopover edits a link in both directions (a→b and b→a): cut, latency min/max (virtual ms),
 * loss and duplication (0–1). Apply records one `link` action per direction that changed, with only
 * the changed fields. Opened from the keyboard (Enter on a focused link), focus starts on the first
 * field and Escape goes back to the link.
 */
import { useEffect, useRef, useState } from 'react';
import type { LinkState } from '../../core/sim/bus';
import type { NodeId } from '../../core/types';
import { useController } from '../controller/context';
import type { UserAction } from '../controller/scenarios';
import { selectLinkPopover } from '../store/selectors';
import { useStore, type PlaygroundState } from '../store/store';
import { useMenuFocus } from './useMenuFocus';

interface DirForm {
  cut: boolean;
  min: string;
  max: string;
  loss: string;
  dup: string;
}

const selectClose = (s: PlaygroundState) => s.openLinkPopover;

const toForm = (l: LinkState): DirForm => ({ cut: l.cut, min: String(l.latencyMs[0]), max: String(l.latencyMs[1]), loss: String(l.loss), dup: String(l.duplicate) });

/** changes turns a direction's form into a `link` action with the changed fields, null if none; throws on bad input. */
function changes(from: NodeId, to: NodeId, was: LinkState, f: DirForm): UserAction | null {
  const num = (s: string, what: string) => {
    const x = Number(s);
    if (s.trim() === '' || !Number.isFinite(x)) throw new Error(`${from}→${to}: ${what} must be a number`);
    return x;
  };
  const min = num(f.min, 'latency min');
  const max = num(f.max, 'latency max');
  const loss = num(f.loss, 'loss');
  const dup = num(f.dup, 'duplication');
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min) throw new Error(`${from}→${to}: latency must be whole ms with 0 ≤ min ≤ max`);
  if (loss < 0 || loss > 1 || dup < 0 || dup > 1) throw new Error(`${from}→${to}: loss and duplication must be between 0 and 1`);
  const a: { action: 'link'; from: NodeId; to: NodeId; cut?: boolean; latencyMs?: [number, number]; loss?: number; duplicate?: number } = { action: 'link', from, to };
  if (f.cut !== was.cut) a.cut = f.cut;
  if (min !== was.latencyMs[0] || max !== was.latencyMs[1]) a.latencyMs = [min, max];
  if (loss !== was.loss) a.loss = loss;
  if (dup !== was.duplicate) a.duplicate = dup;
  return Object.keys(a).length > 3 ? a : null;
}

function DirectionFields({ from, to, form, set }: { from: NodeId; to: NodeId; form: DirForm; set: (f: DirForm) => void }) {
  const id = `${from}-${to}`;
  return (
    <fieldset className="link-dir" data-testid={`link-dir-${id}`}>
      <legend>
        {from} → {to}
      </legend>
      <label className="check">
        <input type="checkbox" checked={form.cut} data-testid={`link-cut-${id}`} onChange={(e) => set({ ...form, cut: e.target.checked })} /> cut
      </label>
      <label>
        latency min (ms)
        <input type="number" min={0} step={1} value={form.min} data-testid={`link-lat-min-${id}`} onChange={(e) => set({ ...form, min: e.target.value })} />
      </label>
      <label>
        latency max (ms)
        <input type="number" min={0} step={1} value={form.max} data-testid={`link-lat-max-${id}`} onChange={(e) => set({ ...form, max: e.target.value })} />
      </label>
      <label>
        loss (0–1)
        <input type="number" min={0} max={1} step={0.05} value={form.loss} data-testid={`link-loss-${id}`} onChange={(e) => set({ ...form, loss: e.target.value })} />
      </label>
      <label>
        duplication (0–1)
        <input type="number" min={0} max={1} step={0.05} value={form.dup} data-testid={`link-dup-${id}`} onChange={(e) => set({ ...form, dup: e.target.value })} />
      </label>
    </fieldset>
  );
}

export function LinkPopover() {
  const pop = useStore(selectLinkPopover);
  const close = useStore(selectClose);
  const controller = useController();
  const [was, setWas] = useState<{ ab: LinkState; ba: LinkState } | null>(null);
  const [ab, setAb] = useState<DirForm | null>(null);
  const [ba, setBa] = useState<DirForm | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!pop) return;
    const s = controller.linkState(pop.a, pop.b);
    setWas(s);
    setAb(s && toForm(s.ab));
    setBa(s && toForm(s.ba));
    setError(null);
  }, [pop, controller]);
  const box = useRef<HTMLDivElement>(null);
  const shut = useRef(() => close(null)).current;
  useMenuFocus(!!(pop && was), box, shut);

  if (!pop || !was || !ab || !ba) return null;
  const apply = () => {
    try {
      const acts = [changes(pop.a, pop.b, was.ab, ab), changes(pop.b, pop.a, was.ba, ba)].filter((x): x is UserAction => x !== null);
      for (const a of acts) {
        controller.act(a).catch((e: unknown) => useStore.getState().pushAlert('error', `Could not change the link: ${e instanceof Error ? e.message : String(e)}`));
      }
      close(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const left = Math.max(8, Math.min(pop.x + 12, window.innerWidth - 480));
  const top = Math.max(8, Math.min(pop.y + 12, window.innerHeight - 330));
  return (
    <div
      ref={box}
      className="popover link-popover"
      role="dialog"
      aria-label={`Link ${pop.a} ↔ ${pop.b}`}
      data-testid="link-popover"
      style={{ left, top }}
      onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT' && (e.preventDefault(), apply())}
    >
      <div className="popover-head">
        <strong>
          Link {pop.a} ↔ {pop.b}
        </strong>
        <button className="icon-btn" aria-label="Close" onClick={() => close(null)}>
          ✕
        </button>
      </div>
      <div className="link-dirs">
        <DirectionFields from={pop.a} to={pop.b} form={ab} set={setAb} />
        <DirectionFields from={pop.b} to={pop.a} form={ba} set={setBa} />
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="popover-actions">
        <button onClick={() => close(null)}>Cancel</button>
        <button className="primary" data-testid="link-apply" onClick={apply}>
          Apply
        </button>
      </div>
    </div>
  );
}
