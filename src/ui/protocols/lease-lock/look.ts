/**
 * Lease-lock's look (Kleppmann 2016): lock nodes free or holding a lease for someone, clients
 * waiting or holding the lease, and storage; the token on each node; no epoch, no forced timeout;
 * the lease panel (the lease in force, a timeline of leases with storage's writes, storage's
 * highest token) and a write form.
 */
import type { UiPlugin } from '../types';
import { LeasePanel } from './LeasePanel';
import { classifyLease, LEASE_DRAW_ORDER, LEASE_KINDS } from './kinds';
import { WriteForm } from './WriteForm';

export const leaseLockLook: UiPlugin = {
  roles: [
    { role: 'lock-free', label: 'lock (free)', short: 'lock free', tone: 'idle', description: 'A lock node holding no lease for anyone' },
    { role: 'lock-held', label: 'lock (held)', short: 'lock held', tone: 'leader', description: 'A lock node holding the lease for a client, until it expires or is released' },
    { role: 'waiting', label: 'client', tone: 'follower', description: 'A client without a lease: idle, or asking for one' },
    { role: 'holder', label: 'holder', tone: 'informed', description: 'A client that believes it holds the lease (it may be wrong: a pause or a slow clock)' },
    { role: 'storage', label: 'storage', tone: 'blocked', description: 'The resource the lock protects; with fencing it rejects a token below the highest it has seen' },
  ],
  defaultRole: 'waiting',
  leaderWord: 'a client',
  messageKinds: LEASE_KINDS,
  classify: classifyLease,
  drawOrder: LEASE_DRAW_ORDER,
  nodeLine: (s) => {
    const f = s.fields ?? {};
    if (s.role === 'storage') return [{ label: 'highest', value: Number(f.highest ?? 0) }];
    if (s.role === 'lock-free' || s.role === 'lock-held') return [{ label: 'token', value: Number(f.token ?? 0) }];
    return [{ label: 'token', value: f.token ? Number(f.token) : '–' }];
  },
  epoch: null,
  persists: 'a lock node its lease and highest token; storage its data and highest token; a client nothing',
  tolerance: (n) => `${n} nodes: lock nodes first, storage last, clients between`,
  panel: LeasePanel,
  requestForm: WriteForm,
  routineWords: 'renewals',
};
