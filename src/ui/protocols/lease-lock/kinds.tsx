/**
 * Lease-lock's message kinds. Asking for the lease is amber (Acquire a hollow diamond, Promise and
 * Confirm filled), a grant green (Confirmed and Renewed a disc with a check), a refusal or loss red
 * (a disc with a cross); a Wake (the lease is free and kept for the first in line) a teal disc
 * with a white play triangle, "your turn"; Release is grey; a Write is a blue square carrying its token, the reply a
 * blue disc with a check, or red when storage rejected a stale token.
 */
import { CHECK, CROSS } from '../glyphs';
import type { MessageKindLook } from '../types';

export const LEASE_KINDS: readonly MessageKindLook[] = [
  { kind: 'acquire', label: 'Acquire: a client asks a lock node for the lease', short: 'acquire', color: '#d97706', glyph: () => <path d="M0 -9 L9 0 L0 9 L-9 0 Z" fill="#fff" stroke="#b45309" strokeWidth={3} /> },
  { kind: 'promise', label: 'Promise / Confirm: a lock node holds the lease for the client; the client fixes the token', short: 'promise, confirm', color: '#b45309', glyph: () => <path d="M0 -9 L9 0 L0 9 L-9 0 Z" fill="#f59e0b" stroke="#78350f" strokeWidth={2} /> },
  {
    kind: 'granted',
    label: 'Confirmed / Renewed: a lock node confirms the token or extends the lease',
    short: 'confirmed, renewed',
    color: '#15803d',
    glyph: () => (
      <g>
        <circle r={9} fill="#16a34a" stroke="#14532d" strokeWidth={2} />
        <path d={CHECK} fill="none" stroke="#fff" strokeWidth={2.5} strokeLinecap="round" />
      </g>
    ),
  },
  {
    kind: 'refused',
    label: 'Refuse / Lost: the lease is held by (or kept for) another, and the client waits in line; or it is no longer this client\'s',
    short: 'refused, lost',
    color: '#dc2626',
    glyph: () => (
      <g>
        <circle r={9} fill="#dc2626" stroke="#7f1d1d" strokeWidth={2} />
        <path d={CROSS} fill="none" stroke="#fff" strokeWidth={2.5} strokeLinecap="round" />
      </g>
    ),
  },
  {
    kind: 'wake',
    label: 'Wake: the lease is free, and the lock node keeps it a moment for the first client in line',
    short: 'wake',
    color: '#0d9488',
    glyph: () => (
      <g>
        <circle r={9} fill="#14b8a6" stroke="#134e4a" strokeWidth={2} />
        <path d="M-3 -5 L5 0 L-3 5 Z" fill="#fff" />
      </g>
    ),
  },
  { kind: 'renew', label: 'Renew: the holder asks to extend its lease', short: 'renew', color: '#65a30d', routine: true, glyph: () => <circle r={7} fill="#ecfccb" stroke="#3f6212" strokeWidth={2.5} /> },
  { kind: 'release', label: 'Release: the client gives the lease back', short: 'release', color: '#64748b', glyph: () => <circle r={7} fill="#cbd5e1" stroke="#334155" strokeWidth={2} /> },
  {
    kind: 'write',
    label: 'Write: a client writes to storage with its fencing token',
    short: 'write',
    color: '#1d4ed8',
    glyph: () => (
      <g>
        <rect x={-9} y={-9} width={18} height={18} rx={2} fill="#2563eb" stroke="#1e3a8a" strokeWidth={2} />
        <path d="M-4 -3 H4 M-4 1 H4 M-4 5 H1" stroke="#fff" strokeWidth={2} />
      </g>
    ),
  },
  {
    kind: 'write-ok',
    label: 'Write ok: storage accepted the write',
    short: 'write ok',
    color: '#1d4ed8',
    glyph: () => (
      <g>
        <circle r={8} fill="#dbeafe" stroke="#1d4ed8" strokeWidth={2.5} />
        <path d={CHECK} fill="none" stroke="#1d4ed8" strokeWidth={2.5} strokeLinecap="round" transform="scale(0.8)" />
      </g>
    ),
  },
  {
    kind: 'write-rejected',
    label: 'Write rejected: storage has seen a higher token (the fencing check)',
    short: 'write rejected',
    color: '#b91c1c',
    glyph: () => (
      <g>
        <rect x={-9} y={-9} width={18} height={18} rx={2} fill="#fee2e2" stroke="#b91c1c" strokeWidth={3} />
        <path d={CROSS} fill="none" stroke="#b91c1c" strokeWidth={2.5} strokeLinecap="round" transform="scale(0.8)" />
      </g>
    ),
  },
];

/** LEASE_DRAW_ORDER: renewals and releases underneath, writes on top. */
export const LEASE_DRAW_ORDER: readonly string[] = ['other', 'renew', 'release', 'acquire', 'promise', 'granted', 'refused', 'wake', 'write-ok', 'write', 'write-rejected'];

const KIND_OF_TYPE: Readonly<Record<string, string>> = {
  Acquire: 'acquire',
  Promise: 'promise',
  Confirm: 'promise',
  Confirmed: 'granted',
  Renewed: 'granted',
  Refuse: 'refused',
  Lost: 'refused',
  Wake: 'wake',
  Renew: 'renew',
  Release: 'release',
  Write: 'write',
};

/** classifyLease gives a message's kind: by type, and a WriteReply by whether storage accepted it. */
export function classifyLease(type: string, msg: Readonly<Record<string, unknown>>): string | undefined {
  if (type === 'WriteReply') return msg.ok ? 'write-ok' : 'write-rejected';
  return KIND_OF_TYPE[type];
}
