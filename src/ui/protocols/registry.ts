/**
 * The UI protocol registry: each protocol's look, by the name scenarios use. A protocol's look is
 * one folder here (its {@link UiPlugin}, see README.md) and one line below; a protocol registered
 * in the core (src/core/protocols/registry.ts) without a line here gets the generic look
 * (generic.tsx), derived from its core protocol alone.
 */
import type { AnyProtocol } from '../../core/protocol';
import { PROTOCOLS } from '../../core/protocols/registry';
import { bullyLook } from './bully/look';
import { delegationLook } from './delegation/look';
import { genericPlugin } from './generic';
import { gossipLook } from './gossip/look';
import { pbftLook } from './pbft/look';
import { quorumLook } from './quorum/look';
import { twoPcLook } from './2pc/look';
import { raftLook } from './raft/look';
import { leaseLockLook } from './lease-lock/look';
import { swimLook } from './swim/look';
import { crdtLook } from './crdt/look';
import { paxosLook } from './paxos/look';
import { resolveLook } from './resolve';
import type { ProtocolLook, UiPlugin } from './types';

export type { LegendEntry, MessageKindLook, NodeLineItem, ProtocolLook, RequestFormProps, RoleLook, RoleTone, TimerLook, UiPlugin } from './types';

/** UI_PROTOCOLS lists the registered looks by protocol name: one line each. */
export const UI_PROTOCOLS: Readonly<Record<string, UiPlugin>> = {
  raft: raftLook,
  pbft: pbftLook,
  '2pc': twoPcLook,
  gossip: gossipLook,
  bully: bullyLook,
  delegation: delegationLook,
  quorum: quorumLook,
  'lease-lock': leaseLockLook,
  swim: swimLook,
  crdt: crdtLook,
  paxos: paxosLook,
};

const byName = new Map<string, ProtocolLook>();
const byProtocol = new WeakMap<AnyProtocol, ProtocolLook>();

/**
 * lookOfProtocol gives the look of core protocol `p`: its registered look when UI_PROTOCOLS has
 * its name, else the generic look derived from `p`. The same object for the same protocol, so it
 * is safe in store selectors.
 */
export function lookOfProtocol(p: AnyProtocol): ProtocolLook {
  let look = byProtocol.get(p);
  if (!look) {
    const plugin = UI_PROTOCOLS[p.name];
    const entry = PROTOCOLS[p.name];
    look = plugin ? resolveLook(p, plugin) : resolveLook(p, genericPlugin(p, entry?.protocol === p ? entry.ops : undefined), true);
    byProtocol.set(p, look);
  }
  return look;
}

/** A stand-in for a name no core protocol has (a link from a newer build): drawn generically, messages as `other`. */
const unknownProtocol = (name: string): AnyProtocol =>
  ({
    name,
    messageType: (m: unknown) => String((m as { type?: unknown } | null)?.type ?? 'message'),
    safety: { properties: [], monitor: () => ({ violations: [], observe() {}, check() {} }) },
    teachingBugs: [],
    leaderRole: null,
  }) as unknown as AnyProtocol;

/**
 * lookOf gives the look of protocol `name` (a registry name): see {@link lookOfProtocol}. A name
 * the core does not know gets a generic look with no roles and no message kinds. The same object
 * for the same name.
 */
export function lookOf(name: string): ProtocolLook {
  let look = byName.get(name);
  if (!look) {
    look = lookOfProtocol(PROTOCOLS[name]?.protocol ?? unknownProtocol(name));
    byName.set(name, look);
  }
  return look;
}
