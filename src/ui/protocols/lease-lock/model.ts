/**
 * The lease panel's model, from the nodes' details (NodeDetail.protocolDetail, a LeaseDetail each):
 * the leases the lock nodes confirmed, merged by token (a majority service's nodes each keep their
 * own view), the lease in force now, each lock node's line of waiters, and storage's highest token
 * and writes. Pure; virtual ms.
 */
import type { NodeDetail } from '../../../core/protocol';
import type { LeaseDetail, WriteView } from '../../../core/protocols/lease-lock';
import type { NodeId } from '../../../core/types';

/** LeaseBar is one lease on the timeline. */
export interface LeaseBar {
  holder: NodeId;
  token: number;
  from: number;
  /** Its end (virtual ms): when it expired or was released, or the lease's end while it lasts. */
  until: number;
  end: 'released' | 'expired' | null;
  /** How many lock nodes confirmed it. */
  votes: number;
}

/** LeaseModel is what the panel draws. */
export interface LeaseModel {
  locks: number;
  bars: LeaseBar[];
  /** The lease a majority of lock nodes holds for someone now, or null. */
  current: { holder: NodeId; token: number; until: number } | null;
  storage: { id: NodeId; highest: number; writes: WriteView[]; fencing: boolean } | null;
  /** Each lock node's line of waiters that is not empty, first first, and whom it keeps a freed lease for. */
  lines: { lock: NodeId; waiters: NodeId[]; keptFor: NodeId | null }[];
}

const detailOf = (d: NodeDetail | undefined): LeaseDetail | null => (d?.protocolDetail as LeaseDetail | undefined) ?? null;

/** buildLeaseModel builds the panel's model from every node's detail. */
export function buildLeaseModel(nodeIds: readonly NodeId[], details: Readonly<Record<NodeId, NodeDetail>>): LeaseModel {
  const bars = new Map<number, LeaseBar>();
  const now = new Map<string, number>();
  let locks = 0;
  let storage: LeaseModel['storage'] = null;
  const lines: LeaseModel['lines'] = [];
  for (const id of nodeIds) {
    const d = detailOf(details[id]);
    if (!d) continue;
    if (d.part === 'storage') storage = { id, highest: d.highest, writes: d.writes, fencing: d.config.fencing && !d.config.bugs.includes('no-fencing') };
    if (d.part !== 'lock') continue;
    locks++;
    if (d.waiters.length) lines.push({ lock: id, waiters: [...d.waiters], keptFor: d.keptFor });
    for (const l of d.leases) {
      const b = bars.get(l.token);
      if (!b) bars.set(l.token, { ...l, votes: 1 });
      else {
        b.votes++;
        b.from = Math.min(b.from, l.from);
        b.until = Math.max(b.until, l.until);
        if (b.end === null || l.end === 'expired') b.end = l.end ?? b.end;
      }
    }
    if (d.holder && d.token) {
      const key = `${d.holder}#${d.token}`;
      now.set(key, (now.get(key) ?? 0) + 1);
    }
  }
  let current: LeaseModel['current'] = null;
  for (const [key, n] of now) {
    if (n * 2 <= locks) continue;
    const [holder, token] = key.split('#') as [string, string];
    current = { holder, token: Number(token), until: bars.get(Number(token))?.until ?? 0 };
  }
  return { locks, bars: [...bars.values()].sort((a, b) => a.token - b.token), current, storage, lines };
}
