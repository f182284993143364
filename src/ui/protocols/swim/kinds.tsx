/**
 * SWIM's message kinds (Das et al. 2002): a direct Ping is a teal disc, the helper's PingReq an
 * orange diamond, an Ack a small grey check (routine), a relayed Ack an orange check; Join and
 * JoinAck are violet.
 */
import { CHECK } from '../glyphs';
import type { MessageKindLook } from '../types';

/** SWIM_KINDS lists SWIM's kinds in the protocol's order. */
export const SWIM_KINDS: readonly MessageKindLook[] = [
  {
    kind: 'ping',
    label: 'Ping: a member probes one member this period (§3.1)',
    short: 'ping',
    color: '#0d9488',
    routine: true,
    glyph: () => <circle r={8} fill="#0d9488" stroke="#134e4a" strokeWidth={2} />,
  },
  {
    kind: 'ack',
    label: 'Ack: the probed member answers (§3.1)',
    short: 'ack',
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
    kind: 'ping-req',
    label: 'PingReq: the ping went unanswered, so k members are asked to ping the target (§3.1)',
    short: 'ping-req',
    color: '#ea580c',
    glyph: () => <rect x={-7} y={-7} width={14} height={14} transform="rotate(45)" fill="#ea580c" stroke="#7c2d12" strokeWidth={2} />,
  },
  {
    kind: 'relayed-ack',
    label: 'Ack relayed by a ping-req helper: the target answered it (§3.1)',
    short: 'relayed ack',
    color: '#ea580c',
    glyph: () => (
      <g>
        <circle r={8} fill="#ea580c" stroke="#7c2d12" strokeWidth={1.5} />
        <path d={CHECK} fill="none" stroke="#fff" strokeWidth={2} strokeLinecap="round" transform="scale(0.8)" />
      </g>
    ),
  },
  {
    kind: 'join',
    label: 'Join: a new node asks the seed to let it in (§5)',
    short: 'join',
    color: '#7c3aed',
    glyph: () => (
      <g>
        <rect x={-9} y={-9} width={18} height={18} rx={2} fill="#7c3aed" stroke="#2e1065" strokeWidth={2} />
        <path d="M-5 0 H5 M0 -5 V5" stroke="#fff" strokeWidth={2.5} />
      </g>
    ),
  },
  {
    kind: 'join-ack',
    label: 'JoinAck: the seed gives the newcomer its membership list (§5)',
    short: 'join ack',
    color: '#7c3aed',
    glyph: () => <rect x={-7.5} y={-7.5} width={15} height={15} rx={2} fill="#ede9fe" stroke="#5b21b6" strokeWidth={2.5} />,
  },
];

/** SWIM_DRAW_ORDER: routine pings and acks underneath. */
export const SWIM_DRAW_ORDER: readonly string[] = ['other', 'ack', 'ping', 'join-ack', 'join', 'relayed-ack', 'ping-req'];

const KIND_OF_TYPE: Readonly<Record<string, string>> = { Ping: 'ping', Ack: 'ack', PingReq: 'ping-req', Join: 'join', JoinAck: 'join-ack' };

/** classifySwim gives a SWIM message's kind: by type, except that an Ack naming a target is relayed. */
export function classifySwim(type: string, msg: Readonly<Record<string, unknown>>): string | undefined {
  if (type === 'Ack' && typeof msg.target === 'string') return 'relayed-ack';
  return KIND_OF_TYPE[type];
}
