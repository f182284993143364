/**
 * Commands: every keyboard-driven control, registered once (tldraw style) so the key handler, the
 * `?` help overlay and the tests share one list. Each command names its keys as KeyboardEvent.key
 * values, with `Shift+` when Shift must be held.
 */
import type { Controller } from '../controller/controller';
import { lookOf } from '../protocols/registry';
import { useStore } from '../store/store';

/** Command is one control reachable from the keyboard. */
export interface Command {
  id: string;
  label: string;
  /** Keys as shown in the help overlay and matched by the handler, e.g. `ArrowLeft`, `Shift+ArrowRight`, `?`. */
  keys: string[];
  perform(c: Controller): void;
}

const st = () => useStore.getState();

/**
 * withLeader runs `then` when the running protocol has a leader role; a leader-free protocol
 * (gossip) gets a line saying so instead of a search for a leader that never comes.
 */
const withLeader = (then: () => void) => () => {
  if (lookOf(st().protocol).leaderRole !== null) then();
  else st().pushAlert('info', `${st().protocolTitle || st().protocol} has no leader: pick another condition under "Next" or "Breakpoint".`);
};

/** COMMANDS lists every keyboard command, in the order the help overlay shows them. */
export const COMMANDS: readonly Command[] = [
  { id: 'play', label: 'Play / pause', keys: [' '], perform: (c) => c.togglePlay() },
  { id: 'step', label: 'Step one event forward', keys: ['ArrowRight'], perform: (c) => void c.step() },
  { id: 'back', label: 'Step one event back', keys: ['ArrowLeft'], perform: (c) => void c.travel.stepBack() },
  { id: 'next', label: 'Step to the next event of the chosen kind', keys: ['Shift+ArrowRight', 'n'], perform: (c) => void c.travel.stepToNext() },
  { id: 'next-leader', label: 'Step to the next new leader', keys: ['l'], perform: (c) => withLeader(() => void c.travel.stepToNext({ kind: 'leader' }))() },
  { id: 'next-commit', label: 'Step to the next commit', keys: ['c'], perform: (c) => void c.travel.stepToNext({ kind: 'commit' }) },
  { id: 'next-timer', label: 'Step to the next timer firing', keys: ['t'], perform: (c) => void c.travel.stepToNext({ kind: 'timer' }) },
  { id: 'back-100', label: 'Jump 100 ms back', keys: ['Shift+ArrowLeft'], perform: (c) => void c.travel.seekTime(st().now - 100) },
  { id: 'start', label: 'Go to the start', keys: ['Home'], perform: (c) => void c.travel.seekEvents(0) },
  { id: 'end', label: 'Go to the furthest point reached', keys: ['End'], perform: (c) => void c.travel.seekEvents(Math.max(st().horizonEvents, st().events)) },
  { id: 'leader-bp', label: 'Add a breakpoint on a new leader', keys: ['b'], perform: (c) => withLeader(() => c.travel.addBreakpoint({ kind: 'leader' }))() },
  { id: 'manual', label: 'Manual delivery mode on / off', keys: ['m'], perform: (c) => void c.setManual(!st().manual) },
  { id: 'diagram', label: 'Show the space-time diagram / the event log', keys: ['d'], perform: () => st().setBottomTab(st().bottomTab === 'spacetime' ? 'log' : 'spacetime') },
  { id: 'share', label: 'Share a link to this moment', keys: ['s'], perform: (c) => void c.share() },
  { id: 'help', label: 'Show / hide this help', keys: ['?'], perform: () => st().setHelpOpen(!st().helpOpen) },
  { id: 'close', label: 'Close the help', keys: ['Escape'], perform: () => st().setHelpOpen(false) },
];

/** keyOf names a key event as the commands do: `Shift+ArrowRight`, `?`, `n`. */
export function keyOf(e: { key: string; shiftKey: boolean }): string {
  // A printable key already says whether Shift was held (`?`, `N`); others get the prefix.
  return e.shiftKey && e.key.length !== 1 ? `Shift+${e.key}` : e.key;
}

/** commandFor finds the command bound to a key event, or undefined. */
export function commandFor(e: { key: string; shiftKey: boolean }): Command | undefined {
  const k = keyOf(e);
  return COMMANDS.find((c) => c.keys.includes(k));
}

/** keyLabel shows a key for people: `Space`, `→`, `Shift + →`. */
export function keyLabel(k: string): string {
  const names: Record<string, string> = { ' ': 'Space', ArrowRight: '→', ArrowLeft: '←', Escape: 'Esc', Home: 'Home', End: 'End' };
  return k.split('+').map((p) => names[p] ?? (p.length === 1 ? p.toUpperCase() : p)).join(' + ');
}
