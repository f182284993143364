/**
 * The quorum protocol's message kinds. Replicated data is blue (Gifford 1979): a ReadVersion a
 * hollow ring, the Version it brings back a small disc, a WriteVersion a filled square with a plus,
 * its WriteAck a small grey check (routine). Voting is warm: a Propose an amber diamond, a Vote a
 * disc coloured by its choice (approve green, reject red, abstain grey), a Tally a violet square.
 */
import { CHECK } from '../glyphs';
import type { MessageKindLook } from '../types';

const vote = (kind: string, label: string, short: string, color: string, stroke: string, mark: string): MessageKindLook => ({
  kind,
  label,
  short,
  color,
  glyph: () => (
    <g>
      <circle r={9} fill={color} stroke={stroke} strokeWidth={2} />
      <path d={mark} fill="none" stroke="#fff" strokeWidth={2.5} strokeLinecap="round" />
    </g>
  ),
});

/** QUORUM_KINDS lists the kinds in the protocol's order. */
export const QUORUM_KINDS: readonly MessageKindLook[] = [
  {
    kind: 'read',
    label: 'ReadVersion: a coordinator asks a replica for its copy and version (Gifford 1979)',
    short: 'read version',
    color: '#2563eb',
    glyph: () => <circle r={8} fill="#fff" stroke="#2563eb" strokeWidth={3.5} />,
  },
  {
    kind: 'version',
    label: 'Version: a replica’s copy of the key and its version number',
    short: 'version',
    color: '#1d4ed8',
    glyph: () => <circle r={6.5} fill="#1d4ed8" stroke="#1e3a8a" strokeWidth={1.5} />,
  },
  {
    kind: 'write',
    label: 'WriteVersion: store this value at a new version (a put, or a read writing the newest copy back)',
    short: 'write version',
    color: '#2563eb',
    glyph: () => (
      <g>
        <rect x={-9} y={-9} width={18} height={18} rx={2} fill="#2563eb" stroke="#1e3a8a" strokeWidth={2} />
        <path d="M-5 0 H5 M0 -5 V5" stroke="#fff" strokeWidth={2.5} />
      </g>
    ),
  },
  {
    kind: 'ack',
    label: 'WriteAck: the replica holds that version or a newer one',
    short: 'write ack',
    color: '#94a3b8',
    routine: true,
    glyph: () => (
      <g>
        <circle r={7} fill="#94a3b8" stroke="#334155" strokeWidth={1.5} />
        <path d={CHECK} fill="none" stroke="#fff" strokeWidth={2} strokeLinecap="round" transform="scale(0.8)" />
      </g>
    ),
  },
  {
    kind: 'propose',
    label: 'Propose: put a proposal to the vote of every voter',
    short: 'propose',
    color: '#d97706',
    glyph: () => <path d="M0 -10 L10 0 L0 10 L-10 0 Z" fill="#f59e0b" stroke="#92400e" strokeWidth={2} />,
  },
  vote('vote-approve', 'Vote: approve (weighted by the voter’s configured votes)', 'approve', '#16a34a', '#14532d', CHECK),
  vote('vote-reject', 'Vote: reject', 'reject', '#dc2626', '#7f1d1d', 'M-4 -4 L4 4 M4 -4 L-4 4'),
  vote('vote-abstain', 'Vote: abstain (counts toward participation, not approval)', 'abstain', '#64748b', '#1e293b', 'M-4.5 0 H4.5'),
  {
    kind: 'tally',
    label: 'Tally: the votes a tally counted when it decided, so others can catch a voter that told them different things',
    short: 'tally',
    color: '#7c3aed',
    routine: true,
    glyph: () => <rect x={-7.5} y={-7.5} width={15} height={15} rx={2} fill="#ede9fe" stroke="#5b21b6" strokeWidth={2.5} />,
  },
];

/** QUORUM_DRAW_ORDER: routine acks and tallies underneath. */
export const QUORUM_DRAW_ORDER: readonly string[] = ['other', 'ack', 'tally', 'version', 'read', 'write', 'vote-abstain', 'vote-reject', 'vote-approve', 'propose'];

const KIND_OF_TYPE: Readonly<Record<string, string>> = {
  ReadVersion: 'read',
  Version: 'version',
  WriteVersion: 'write',
  WriteAck: 'ack',
  Propose: 'propose',
  Tally: 'tally',
};

/** classifyQuorum gives a message's kind: by type, a Vote by its choice. */
export function classifyQuorum(type: string, msg: Readonly<Record<string, unknown>>): string | undefined {
  if (type === 'Vote') return msg.choice === 'reject' ? 'vote-reject' : msg.choice === 'abstain' ? 'vote-abstain' : 'vote-approve';
  return KIND_OF_TYPE[type];
}
