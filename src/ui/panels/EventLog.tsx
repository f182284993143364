/**
 * EventLog: the newest lines of the run (sends, deliveries, drops, timeouts, role changes, commits,
 * applies, client ops, faults, notes), newest at the bottom. It sticks to the bottom unless the
 * reader has scrolled up.
 */
import { memo, useLayoutEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useController } from '../controller/context';
import { selectLog } from '../store/selectors';
import { useStore } from '../store/store';
import type { LogLine } from '../store/types';

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

const Line = memo(function Line({ line }: { line: LogLine }) {
  return (
    <div className={`log-line kind-${line.kind}`}>
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
  const { lines, hideHeartbeats, hideMessages } = useStore(useShallow(selectLog));
  const controller = useController();
  const box = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  useLayoutEffect(() => {
    const el = box.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [lines]);

  const setFilter = (f: { hideHeartbeats?: boolean; hideMessages?: boolean }) => {
    useStore.getState().setLogFilter(f);
    controller.refreshLog();
  };

  return (
    <section className="event-log" aria-label="Event log">
      <header className="event-log-head">
        <h3>Event log</h3>
        <label className="check">
          <input type="checkbox" checked={hideHeartbeats} onChange={(e) => setFilter({ hideHeartbeats: e.target.checked })} data-testid="log-hide-heartbeats" />
          hide heartbeats &amp; acks
        </label>
        <label className="check">
          <input type="checkbox" checked={hideMessages} onChange={(e) => setFilter({ hideMessages: e.target.checked })} data-testid="log-hide-messages" />
          hide all messages
        </label>
        <span className="hint">last {lines.length} lines</span>
      </header>
      <div
        className="event-log-lines"
        ref={box}
        data-testid="event-log"
        role="log"
        aria-live="off"
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {blocksOf(lines).map((b) => (
          <Block key={b.key} lines={b.lines} />
        ))}
      </div>
    </section>
  );
}
