/**
 * Raft's message kinds: RequestVote and its replies by outcome, heartbeats apart from AppendEntries
 * carrying entries, and the replies by success (Ongaro & Ousterhout 2014, §5.2, §5.3).
 */
import { CHECK, CROSS, DIAMOND, markedDisc } from '../glyphs';
import type { LegendEntry, MessageKindLook } from '../types';

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
  // Pre-vote (thesis §9.6): a hollow diamond, asking without raising the term; its replies are rings.
  { kind: 'pv', label: 'PreVote', short: 'PreVote', color: '#d97706', glyph: () => <path d={DIAMOND} fill="#fef3c7" stroke="#d97706" strokeWidth={3} /> },
  { kind: 'pv-yes', label: 'Pre-vote granted', short: 'pre-vote granted', color: '#4d7c0f', glyph: ringed('#4d7c0f', CHECK) },
  { kind: 'pv-no', label: 'Pre-vote denied', short: 'pre-vote denied', color: '#b91c1c', glyph: ringed('#b91c1c', CROSS) },
  // Leadership transfer (thesis §3.10): the request to the leader, and the leader's TimeoutNow.
  {
    kind: 'transfer',
    label: 'TransferLeader (asks the leader to hand over)',
    short: 'TransferLeader',
    color: '#7c3aed',
    glyph: () => (
      <g>
        <circle r={10} fill="#ede9fe" stroke="#7c3aed" strokeWidth={2.5} />
        <path d="M-5 0 H5 M1 -4 L5 0 L1 4" fill="none" stroke="#7c3aed" strokeWidth={2.5} strokeLinecap="round" />
      </g>
    ),
  },
  {
    kind: 'timeout-now',
    label: 'TimeoutNow (campaign at once)',
    short: 'TimeoutNow',
    color: '#9333ea',
    glyph: () => (
      <g>
        <circle r={10} fill="#9333ea" stroke="#3b0764" strokeWidth={2} />
        <path d="M1 -7 L-4 1 H1 L-1 7 L5 -1 H0 Z" fill="#fff" />
      </g>
    ),
  },
  // Log compaction (Raft §7): a snapshot chunk is a brown page; its reply a pale disc.
  {
    kind: 'snap',
    label: 'InstallSnapshot chunk',
    short: 'InstallSnapshot',
    color: '#a16207',
    glyph: () => (
      <g>
        <rect x={-10} y={-10} width={20} height={20} rx={3} fill="#a16207" stroke="#422006" strokeWidth={2} />
        <path d="M-5 -4 H5 M-5 0 H5 M-5 4 H2" stroke="#fff" strokeWidth={2} />
      </g>
    ),
  },
  {
    kind: 'snap-reply',
    label: 'InstallSnapshot reply',
    short: 'snapshot reply',
    color: '#ca8a04',
    glyph: () => <circle r={8} fill="#fef08a" stroke="#a16207" strokeWidth={3} />,
  },
  // Membership change (thesis §4.1): AddServer and RemoveServer to the leader.
  {
    kind: 'member-add',
    label: 'AddServer (membership change, thesis §4.1)',
    short: 'AddServer',
    color: '#0e7490',
    glyph: () => (
      <g>
        <circle r={9} fill="#0e7490" stroke="#083344" strokeWidth={2} />
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

/** ringed draws a white disc with a coloured rim and a coloured mark: the hollow twin of markedDisc, for pre-vote replies. */
function ringed(color: string, mark: string) {
  return () => (
    <g>
      <circle r={10} fill="#fff" stroke={color} strokeWidth={2.5} />
      <path d={mark} fill="none" stroke={color} strokeWidth={2.5} strokeLinecap="round" />
    </g>
  );
}

/**
 * RAFT_LEGEND: the paper's messages one per line; the production features' messages share a line per
 * exchange (a request and its answers), so the legend stays whole at 1280×720.
 */
export const RAFT_LEGEND: readonly LegendEntry[] = [
  ...['rv', 'rv-yes', 'rv-no', 'ae-hb', 'ae-data', 'aer-ok', 'aer-no'].map((k) => {
    const look = RAFT_KINDS.find((x) => x.kind === k)!;
    return { kinds: [k], text: look.short, title: look.label };
  }),
  { kinds: ['pv', 'pv-yes', 'pv-no'], text: 'PreVote + replies', title: 'PreVote and its replies, granted or denied (pre-vote, thesis §9.6)' },
  { kinds: ['transfer', 'timeout-now'], text: 'leader transfer', title: 'Leadership transfer (thesis §3.10): TransferLeader to the leader, and its TimeoutNow to the target' },
  { kinds: ['snap', 'snap-reply'], text: 'snapshot + reply', title: 'An InstallSnapshot chunk and its InstallSnapshotReply (Raft §7)' },
  { kinds: ['member-add', 'member-remove'], text: 'AddServer / RemoveServer', title: 'Membership change requests to the leader (thesis §4.1)' },
];

/** RAFT_DRAW_ORDER lists the kinds for the space-time diagram: routine traffic first, so it lies underneath. */
export const RAFT_DRAW_ORDER: readonly string[] = ['ae-hb', 'aer-ok', 'other', 'ae-data', 'aer-no', 'rv', 'rv-no', 'rv-yes', 'pv', 'pv-no', 'pv-yes', 'snap-reply', 'snap', 'transfer', 'timeout-now', 'member-add', 'member-remove'];

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
    case 'PreVote':
      return 'pv';
    case 'PreVoteReply':
      return m.voteGranted ? 'pv-yes' : 'pv-no';
    case 'TransferLeader':
      return 'transfer';
    case 'TimeoutNow':
      return 'timeout-now';
    case 'InstallSnapshot':
      return 'snap';
    case 'InstallSnapshotReply':
      return 'snap-reply';
    case 'AddServer':
      return 'member-add';
    case 'RemoveServer':
      return 'member-remove';
    default:
      return undefined;
  }
}
