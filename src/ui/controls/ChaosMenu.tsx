/**
 * ChaosMenu: the nemesis's knobs (how long, how often, which kinds of fault, with or without client
 * traffic) and a button that schedules it from now. The faults are timeline actions, so they show
 * in the event log and a share link replays them.
 */
import { useState } from 'react';
import { NEMESIS_DEFAULTS, NEMESIS_KINDS, type NemesisKind } from '../../core/chaos/nemesis';
import { useController } from '../controller/context';
import { usePopover } from './usePopover';

const KIND_LABELS: Record<NemesisKind, string> = {
  crash: 'crash & restart',
  bounce: 'quick bounce',
  election: 'contested election',
  partition: 'random halves',
  'isolate-leader': 'isolate the leader',
  bridge: 'bridge partition',
  'one-way': 'one-way cut',
  loss: 'message loss',
  duplicate: 'duplication',
  reorder: 'reordering',
  'latency-spike': 'latency spike',
  skew: 'clock skew',
  'power-loss': 'power loss (unsynced writes lost)',
  pause: 'pause a node (GC pause)',
};

export function ChaosMenu() {
  const controller = useController();
  const { open, setOpen, root } = usePopover<HTMLDivElement>();
  const [seconds, setSeconds] = useState(20);
  const [rate, setRate] = useState(1);
  const [traffic, setTraffic] = useState(true);
  const [kinds, setKinds] = useState<NemesisKind[]>([...NEMESIS_DEFAULTS.kinds]);
  const toggle = (k: NemesisKind) => setKinds(kinds.includes(k) ? kinds.filter((x) => x !== k) : [...kinds, k]);
  return (
    <div className="menu-root" ref={root}>
      <button aria-haspopup="dialog" aria-expanded={open} data-testid="chaos" title="Unleash a seeded nemesis on the cluster" onClick={() => setOpen(!open)}>
        Chaos ▾
      </button>
      {open ? (
        <div className="examples-menu chaos-form" role="dialog" aria-label="Chaos">
          <div className="menu-heading">Nemesis</div>
          <label className="inline">
            for
            <select data-testid="chaos-seconds" value={seconds} onChange={(e) => setSeconds(Number(e.target.value))}>
              {[5, 10, 20, 60, 100].map((s) => (
                <option key={s} value={s}>
                  {s} virtual s
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            faults
            <select data-testid="chaos-rate" value={rate} onChange={(e) => setRate(Number(e.target.value))}>
              {[0.25, 0.5, 1, 2, 4].map((r) => (
                <option key={r} value={r}>
                  {r} per virtual s
                </option>
              ))}
            </select>
          </label>
          <div className="kinds" role="group" aria-label="Kinds of fault">
            {NEMESIS_KINDS.map((k) => (
              <label key={k} className="inline">
                <input type="checkbox" checked={kinds.includes(k)} onChange={() => toggle(k)} /> {KIND_LABELS[k]}
              </label>
            ))}
          </div>
          <label className="inline">
            <input type="checkbox" checked={traffic} onChange={() => setTraffic(!traffic)} /> clients keep writing (4 requests per s)
          </label>
          <button
            className="primary"
            data-testid="chaos-go"
            disabled={kinds.length === 0}
            onClick={() => {
              setOpen(false);
              void controller.unleashChaos({ durationMs: seconds * 1000, ratePerSecond: rate, kinds, traffic });
            }}
          >
            Unleash chaos
          </button>
          <p className="hint">Everything is repaired when it ends. Watch the safety lamps and the run summary.</p>
        </div>
      ) : null}
    </div>
  );
}
