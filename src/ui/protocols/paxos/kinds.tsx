/**
 * Paxos's message kinds, one per phase of Paxos Made Simple §2.2: phase 1 in blue (Prepare a
 * square with its number, Promise a disc with a check), phase 2 in green (Accept a diamond,
 * Accepted a disc with a check, to every learner), a Nack a red disc with a cross, and the
 * Multi-Paxos leader's heartbeats and a learner's catch-up as small routine grey dots.
 */
import { CHECK, CROSS, DIAMOND, markedDisc } from '../glyphs';
import type { MessageKindLook } from '../types';

/** PAXOS_KINDS lists the kinds in the order of the protocol. */
export const PAXOS_KINDS: readonly MessageKindLook[] = [
  {
    kind: 'prepare',
    label: 'Prepare (1a): a proposer asks the acceptors to promise its ballot',
    short: 'Prepare (1a)',
    color: '#1d4ed8',
    glyph: () => (
      <g>
        <rect x={-10} y={-9} width={20} height={18} rx={3} fill="#1d4ed8" stroke="#172554" strokeWidth={2} />
        <text y={5} textAnchor="middle" fontSize={13} fontWeight={700} fill="#fff">1</text>
      </g>
    ),
  },
  { kind: 'promise', label: 'Promise (1b): the acceptor promises, reporting its highest accepted proposal', short: 'Promise (1b)', color: '#2563eb', glyph: markedDisc('#60a5fa', '#1e3a8a', CHECK) },
  {
    kind: 'accept',
    label: 'Accept (2a): the proposer asks the acceptors to accept (ballot, value)',
    short: 'Accept (2a)',
    color: '#15803d',
    glyph: () => (
      <g>
        <path d={DIAMOND} fill="#15803d" stroke="#052e16" strokeWidth={2} strokeLinejoin="round" />
        <text y={5} textAnchor="middle" fontSize={13} fontWeight={700} fill="#fff">2</text>
      </g>
    ),
  },
  { kind: 'accepted', label: 'Accepted (2b): the acceptor accepted, and tells every learner', short: 'Accepted (2b)', color: '#16a34a', glyph: markedDisc('#4ade80', '#14532d', CHECK) },
  { kind: 'nack', label: 'Nack: refused, the acceptor promised a higher ballot', short: 'Nack', color: '#dc2626', glyph: markedDisc('#dc2626', '#7f1d1d', CROSS) },
  { kind: 'heartbeat', label: 'Heartbeat: the Multi-Paxos leader is alive', short: 'heartbeat', color: '#64748b', glyph: () => <circle r={5} fill="#94a3b8" stroke="#334155" strokeWidth={2} />, routine: true },
  { kind: 'learn', label: 'CatchUp / Learn: a learner that is behind asks for chosen values and gets them', short: 'catch-up', color: '#a16207', glyph: () => <circle r={6} fill="#facc15" stroke="#713f12" strokeWidth={2} />, routine: true },
];

const BY_TYPE: Record<string, string> = { Prepare: 'prepare', Promise: 'promise', Accept: 'accept', Accepted: 'accepted', Nack: 'nack', Heartbeat: 'heartbeat', CatchUp: 'learn', Learn: 'learn' };

/** classifyPaxos maps a message type to its kind. */
export const classifyPaxos = (type: string): string | undefined => BY_TYPE[type];

/** PAXOS_DRAW_ORDER draws routine kinds first. */
export const PAXOS_DRAW_ORDER = ['heartbeat', 'learn', 'prepare', 'promise', 'accept', 'accepted', 'nack'];
