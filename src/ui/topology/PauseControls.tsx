/**
 * The pause fault in the UI, for every protocol: the node menu's "Pause for … ms" row, the badge a
 * paused node wears on the canvas, and the node panel's line ("paused until 3.40 s; 4 messages
 * and 1 timer queued"). The draining ring is the overlay loop's (MessageOverlay drawRings).
 */
import { useState } from 'react';
import type { PauseView } from '../../core/sim/pause';
import { PAUSE_LIMITS } from '../../core/scenario/types';
import type { NodeId } from '../../core/types';
import { useController } from '../controller/context';
import { useStore } from '../store/store';

/** DEFAULT_PAUSE_MS is the menu's suggested pause (virtual ms): longer than most election timeouts. */
export const DEFAULT_PAUSE_MS = 1000;

/** seconds words a virtual time as seconds with two decimals, e.g. `3.40 s`. */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** count words a number of things: `1 timer`, `4 messages`. */
const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** queuedText says what waits for a paused node: `4 messages and 1 timer queued`, or `nothing queued`. */
export function queuedText(p: PauseView): string {
  const parts = [p.messages ? count(p.messages, 'message') : '', p.timers ? count(p.timers, 'timer') : '', p.requests ? count(p.requests, 'client request') : ''].filter(Boolean);
  if (!parts.length) return 'nothing queued yet';
  return `${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}` : parts[0]!} queued`;
}

/**
 * PauseMenuItem is the node menu's row: "Pause for [1000] ms". It records a timeline `pause`
 * action, so share links replay it. Disabled for a crashed node; a bad length is refused with the
 * schema's words in an alert.
 */
export function PauseMenuItem({ id, disabled, done }: { id: NodeId; disabled: boolean; done: () => void }) {
  const controller = useController();
  const [ms, setMs] = useState(String(DEFAULT_PAUSE_MS));
  const perform = () => {
    void controller.act({ action: 'pause', node: id, ms: Number(ms) }).catch((e: unknown) => useStore.getState().pushAlert('error', `Could not pause ${id}: ${e instanceof Error ? e.message : String(e)}`));
    done();
  };
  return (
    <div className="menu-pause">
      <button
        role="menuitem"
        data-testid="menu-pause"
        disabled={disabled}
        title={`Stop ${id} for a while, as a long GC pause or a stopped VM would: it keeps its state, and what arrives for it (messages, timers, requests) waits until it resumes`}
        onClick={perform}
      >
        Pause for…
      </button>
      <input
        type="number"
        inputMode="numeric"
        min={PAUSE_LIMITS.minMs}
        max={PAUSE_LIMITS.maxMs}
        step={100}
        value={ms}
        disabled={disabled}
        aria-label={`Pause length of ${id} in virtual ms`}
        data-testid="menu-pause-ms"
        onChange={(e) => setMs(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            perform();
          }
        }}
      />
      <span className="menu-pause-unit">ms</span>
    </div>
  );
}

/** PauseGlyph is the pause sign (two bars), drawn: not every font has U+23F8. */
export function PauseGlyph() {
  return (
    <svg className="pause-glyph" viewBox="0 0 10 12" width="0.8em" height="0.95em" aria-hidden="true">
      <rect x="1" y="1" width="3" height="10" rx="0.6" fill="currentColor" />
      <rect x="6" y="1" width="3" height="10" rx="0.6" fill="currentColor" />
    </svg>
  );
}

/** PauseBadge is a paused node's badge on the canvas: a pause glyph and when it resumes. */
export function PauseBadge({ id, pause }: { id: NodeId; pause: PauseView }) {
  return (
    <div className="pause-badge" data-testid={`paused-${id}`} data-until={pause.until} title={`${id} is paused (a GC pause or a stopped VM) until ${seconds(pause.until)}; ${queuedText(pause)}. The ring drains until it resumes.`}>
      <PauseGlyph /> paused until {seconds(pause.until)}
    </div>
  );
}

/** PausedLine is the node panel's line for a paused node; nothing when it runs. */
export function PausedLine({ id }: { id: NodeId }) {
  const pause = useStore((s) => s.paused[id]);
  if (!pause) return null;
  return (
    <p className="paused-line" data-testid="panel-paused">
      <PauseGlyph /> Paused until {seconds(pause.until)} (since {seconds(pause.since)}); {queuedText(pause)}.
    </p>
  );
}
