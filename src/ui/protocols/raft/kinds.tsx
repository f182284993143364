/**
 * Raft's message kinds: RequestVote and its replies by outcome, heartbeats apart from AppendEntries
 * carrying entries, and the replies by success (Ongaro & Ousterhout 2014, §5.2, §5.3).
 */
import { CHECK, CROSS, DIAMOND, markedDisc } from '../glyphs';
import type { MessageKindLook } from '../types';

/** RAFT_KINDS lists Raft's kinds in legend order. */
export const RAFT_KINDS: readonly MessageKindLook[] = [
  { kind: 'rv', label: 'RequestVote', short: 'RequestVote', color: '#f59e0b', glyph: () => <path d={DIAMOND} fill="#f59e0b" stroke="#78350f" strokeWidth={2.5} /> },
  { kind: 'rv-yes', label: 'Vote granted', short: 'vote granted', color: '#15803d', glyph: markedDisc('#15803d', '#052e16', CHECK) },
  { kind: 'rv-no', label: 'Vote denied', short: 'vote denied', color: '#dc2626', glyph: markedDisc('#dc2626', '#450a0a', CROSS) },
  {
    kind: 'ae-hb',
    label: 'Heartbeat (empty AppendEntries)',
    short: 'heartbeat',
    color: '#60a5fa',
    routine: true,
    glyph: () => <circle r={6.5} fill="#60a5fa" stroke="#1e3a8a" strokeWidth={2} />,
  },
  {
    kind: 'ae-data',
    label: 'AppendEntries with entries',
    short: 'AppendEntries + entries',
    color: '#1d4ed8',
    glyph: () => (
      <g>
        <rect x={-11} y={-9} width={22} height={18} rx={2} fill="#1d4ed8" stroke="#172554" strokeWidth={2} />
        <path d="M-6 -3 H6 M-6 2 H6" stroke="#fff" strokeWidth={2} />
      </g>
    ),
  },
  {
    kind: 'aer-ok',
    label: 'AppendEntries ok',
    short: 'append ok',
    color: '#14b8a6',
    routine: true,
    glyph: () => <path d="M0 -8 L8 6 L-8 6 Z" fill="#2dd4bf" stroke="#134e4a" strokeWidth={2} />,
  },
  {
    kind: 'aer-no',
    label: 'AppendEntries rejected',
    short: 'append rejected',
    color: '#fb7185',
    glyph: () => (
      <g>
        <path d="M0 -10 L10 7 L-10 7 Z" fill="#fb7185" stroke="#881337" strokeWidth={2.5} />
        <path d="M0 -4 V1.5 M0 3.5 V4.5" stroke="#881337" strokeWidth={2} />
      </g>
    ),
  },
  {
    kind: 'member-add',
    label: 'AddServer (membership change, thesis §4.1)',
    short: 'AddServer',
    color: '#7c3aed',
    glyph: () => (
      <g>
        <circle r={9} fill="#7c3aed" stroke="#2e1065" strokeWidth={2} />
        <path d="M-5 0 H5 M0 -5 V5" stroke="#fff" strokeWidth={2.5} />
      </g>
    ),
  },
  {
    kind: 'member-remove',
    label: 'RemoveServer (membership change, thesis §4.1)',
    short: 'RemoveServer',
    color: '#a21caf',
    glyph: () => (
      <g>
        <circle r={9} fill="#a21caf" stroke="#4a044e" strokeWidth={2} />
        <path d="M-5 0 H5" stroke="#fff" strokeWidth={2.5} />
      </g>
    ),
  },
];

/** RAFT_DRAW_ORDER lists the kinds for the space-time diagram: routine traffic first, so it lies underneath. */
export const RAFT_DRAW_ORDER: readonly string[] = ['ae-hb', 'aer-ok', 'other', 'ae-data', 'aer-no', 'rv', 'rv-no', 'rv-yes', 'member-add', 'member-remove'];

/** classifyRaft gives a Raft message's kind by type and outcome (a vote granted or not, entries or a heartbeat). */
export function classifyRaft(type: string, m: Readonly<Record<string, unknown>>): string | undefined {
  switch (type) {
    case 'RequestVote':
      return 'rv';
    case 'RequestVoteReply':
      return m.voteGranted ? 'rv-yes' : 'rv-no';
    case 'AppendEntries':
      return Array.isArray(m.entries) && m.entries.length > 0 ? 'ae-data' : 'ae-hb';
    case 'AppendEntriesReply':
      return m.success ? 'aer-ok' : 'aer-no';
    case 'AddServer':
      return 'member-add';
    case 'RemoveServer':
      return 'member-remove';
    default:
      return undefined;
  }
}
