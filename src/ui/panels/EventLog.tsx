/**
 * EventLog: the newest lines of the run (sends, deliveries, drops, timeouts, role changes, commits,
 * applies, client ops, faults, notes), newest at the bottom. It sticks to the bottom unless the
 * reader has scrolled up. Filters narrow it by node, message type and kind; a click on a line
 * jumps the run to just after the event that wrote it.
 */
import { memo, useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useController } from '../controller/context';
import { selectLog } from '../store/selectors';
import { useStore } from '../store/store';
import type { LogFilter, LogKind, LogLine } from '../store/types';
import { useMessageTypes } from '../controls/BreakpointsMenu';
import { useLook } from '../protocols/useLook';

const TAG: Record<LogLine['kind'], string> = {
  send: 'send',
  recv: 'recv',
  drop: 'drop',
  timer: 'timer',
  role: 'role',
  commit: 'commit',
  apply: 'apply',
  client: 'client',
  fault: 'fault',
  note: 'note',
  limit: 'limit',
};

const KINDS = Object.keys(TAG) as LogKind[];

/** jumpTo is set by the log so lines can jump without each holding the controller. */
let jumpTo: (events: number) => void = () => undefined;

const Line = memo(function Line({ line }: { line: LogLine }) {
  return (
    <div className={`log-line kind-${line.kind}`} data-events={line.events} onClick={() => jumpTo(line.events)} title={`Jump to just after event ${line.events}`}>
      <span className="log-t">{line.t} ms</span>
      <span className="log-tag">{TAG[line.kind]}</span>
      <span className="log-text">{line.text}</span>
    </div>
  );
});

/** BLOCK groups lines by seq so a refresh re-renders only the newest block or two. */
const BLOCK = 64;

const sameBlock = (a: { lines: LogLine[] }, b: { lines: LogLine[] }) =>
  a.lines.length === b.lines.length && a.lines[0] === b.lines[0] && a.lines[a.lines.length - 1] === b.lines[b.lines.length - 1];

const Block = memo(function Block({ lines }: { lines: LogLine[] }) {
  return (
    <>
      {lines.map((l) => (
        <Line key={l.seq} line={l} />
      ))}
    </>
  );
}, sameBlock);

function blocksOf(lines: readonly LogLine[]): { key: number; lines: LogLine[] }[] {
  const out: { key: number; lines: LogLine[] }[] = [];
  for (const l of lines) {
    const key = Math.floor(l.seq / BLOCK);
    const last = out[out.length - 1];
    if (last && last.key === key) last.lines.push(l);
    else out.push({ key, lines: [l] });
  }
  return out;
}

export function EventLog() {
  const { lines, filter, nodeIds } = useStore(useShallow(selectLog));
  const controller = useController();
  const types = useMessageTypes();
  const box = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  jumpTo = (events) => void controller.travel.seekEvents(events);

  // Stick to the newest line: scroll when the lines' height changes, from a ResizeObserver, which runs
  // right after layout. Scrolling from an effect on every update forced a layout of the whole page
  // (the costliest thing the page did playing flat out); a capped list of the same height needs no
  // scroll at all. Our own scroll must not count as the user leaving the bottom.
  const inner = useRef<HTMLDivElement>(null);
  const ownScroll = useRef(false);
  useEffect(() => {
    const el = box.current;
    const content = inner.current;
    if (!el || !content) return;
    const follow = new ResizeObserver(() => {
      if (!stick.current || el.scrollTop + el.clientHeight >= el.scrollHeight) return;
      ownScroll.current = true;
      el.scrollTop = el.scrollHeight;
    });
    follow.observe(content);
    return () => follow.disconnect();
  }, []);

  const routineWords = useLook().routineWords;
  const setFilter = (f: Partial<LogFilter>) => {
    useStore.getState().setLogFilter(f);
    controller.refreshLog();
  };

  return (
    <section className="event-log" aria-label="Event log">
      <header className="event-log-head">
        <select data-testid="log-node" aria-label="Only this node" value={filter.node ?? ''} onChange={(e) => setFilter({ node: e.target.value || null })}>
          <option value="">all nodes</option>
          {nodeIds.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
        <select data-testid="log-type" aria-label="Only this message type" value={filter.msgType ?? ''} onChange={(e) => setFilter({ msgType: e.target.value || null })}>
          <option value="">all messages</option>
          {types.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <select data-testid="log-kind" aria-label="Only this kind of event" value={filter.kind ?? ''} onChange={(e) => setFilter({ kind: (e.target.value || null) as LogKind | null })}>
          <option value="">all kinds</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        {/* Routine traffic in the look's words (Raft: heartbeats & acks); no checkbox where the look marks none. */}
        {routineWords ? (
          <label className="check">
            <input type="checkbox" checked={filter.hideHeartbeats} onChange={(e) => setFilter({ hideHeartbeats: e.target.checked })} data-testid="log-hide-heartbeats" />
            hide {routineWords}
          </label>
        ) : null}
        <label className="check">
          <input type="checkbox" checked={filter.hideMessages} onChange={(e) => setFilter({ hideMessages: e.target.checked })} data-testid="log-hide-messages" />
          hide messages
        </label>
        <span className="hint">{lines.length} lines · click one to jump there</span>
      </header>
      <div
        className="event-log-lines"
        ref={box}
        data-testid="event-log"
        role="log"
        aria-live="off"
        onScroll={(e) => {
          if (ownScroll.current) {
            ownScroll.current = false;
            return;
          }
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        <div ref={inner}>
          {blocksOf(lines).map((b) => (
            <Block key={b.key} lines={b.lines} />
          ))}
        </div>
      </div>
    </section>
  );
}
