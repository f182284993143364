/**
 * Node actions, registered once (tldraw style) so the node panel, the context menu and tests share
 * one path: each records a timeline action through the controller. Which actions a protocol has,
 * and their words, come from its look: Raft's "Force election timeout" is PBFT's "Force view
 * change", and a protocol with no forced timeout has no such button.
 */
import { HONEST } from '../../core/scenario/schema';
import type { NodeId, NodeSummary } from '../../core/types';
import type { NodeAction as CoreNodeAction } from '../../core/protocol';
import type { Controller } from '../controller/controller';
import type { ProtocolLook } from '../protocols/types';
import { useStore } from '../store/store';

export interface NodeAction {
  /** `crash`, `power-loss`, `restart`, `timeout`, or `action-<id>` for the protocol's own action `id` (its test id is `menu-<name>`). */
  name: string;
  /** label gives the button text under the protocol's look. */
  label(look: ProtocolLook): string;
  /** title gives the tooltip under the protocol's look. */
  title(look: ProtocolLook): string;
  /** offered says whether the protocol has this action at all. */
  offered(look: ProtocolLook): boolean;
  /** enabled says whether the action makes sense for a node in this state. */
  enabled(s: NodeSummary | undefined): boolean;
  perform(controller: Controller, id: NodeId): void;
}

const report = (what: string) => (e: unknown) =>
  useStore.getState().pushAlert('error', `Could not ${what}: ${e instanceof Error ? e.message : String(e)}`);

export const NODE_ACTIONS: readonly NodeAction[] = [
  {
    name: 'crash',
    label: () => 'Crash',
    title: (look) => (look.persists ? `Stop the node; it keeps only its persistent state (${look.persists})` : 'Stop the node; it keeps only its persistent state'),
    offered: () => true,
    enabled: (s) => s?.role !== 'crashed',
    perform: (c, id) => void c.act({ action: 'crash', node: id }).catch(report(`crash ${id}`)),
  },
  {
    name: 'power-loss',
    label: () => 'Power loss',
    title: () => 'Crash the node losing its unsynced writes: it restarts from what it last synced to disk (with no disk sync latency configured, that is everything)',
    offered: (look) => look.syncs,
    enabled: (s) => s?.role !== 'crashed',
    perform: (c, id) => void c.act({ action: 'crash', node: id, loseUnsynced: true }).catch(report(`cut the power of ${id}`)),
  },
  {
    name: 'restart',
    label: () => 'Restart',
    title: () => 'Restart the crashed node from its persistent state',
    offered: () => true,
    enabled: (s) => s?.role === 'crashed',
    perform: (c, id) => void c.act({ action: 'restart', node: id }).catch(report(`restart ${id}`)),
  },
  {
    name: 'timeout',
    label: (look) => look.timeout?.label ?? '',
    title: (look) => look.timeout?.title ?? '',
    offered: (look) => look.timeout !== null,
    enabled: (s) => s?.role !== 'crashed',
    perform: (c, id) => void c.act({ action: 'timeout', node: id }).catch(report(`time out ${id}`)),
  },
];

/**
 * protocolAction is the node action for one of the protocol's own actions (core Protocol.nodeActions):
 * it records a timeline `input` action, which the node receives as input `{kind: 'action', name}`.
 */
function protocolAction(a: CoreNodeAction): NodeAction {
  return {
    name: `action-${a.id}`,
    label: () => a.title,
    title: () => a.description,
    offered: () => true,
    enabled: (s) => s?.role !== 'crashed',
    perform: (c, id) => void c.act({ action: 'input', node: id, name: a.id }).catch(report(`${a.title.toLowerCase()} on ${id}`)),
  };
}

const actionsOf = new WeakMap<ProtocolLook, readonly NodeAction[]>();

/**
 * nodeActionsOf lists the node actions `look`'s protocol offers, in menu order: crash, restart, the
 * forced timeout where it has one, then its own actions. The same array for the same look.
 */
export function nodeActionsOf(look: ProtocolLook): readonly NodeAction[] {
  let out = actionsOf.get(look);
  if (!out) {
    out = [...NODE_ACTIONS.filter((a) => a.offered(look)), ...look.nodeActions.map(protocolAction)];
    actionsOf.set(look, out);
  }
  return out;
}

/** HONEST_CHOICE is the behaviour value that hands a node back to honesty (the `byzantine` action's `honest`). */
export const HONEST_CHOICE = HONEST;

/**
 * setBehaviour switches node `id` to Byzantine behaviour `behaviour` (a behaviour id of the
 * protocol, or {@link HONEST_CHOICE}) by recording a `byzantine` action, so share links replay it.
 * Errors become an alert, like the other node actions.
 */
export function setBehaviour(controller: Controller, id: NodeId, behaviour: string): void {
  const what = behaviour === HONEST_CHOICE ? `make ${id} honest` : `make ${id} Byzantine (${behaviour})`;
  void controller.act({ action: 'byzantine', node: id, behaviour }).catch(report(what));
}
