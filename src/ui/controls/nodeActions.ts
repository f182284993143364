/**
 * Node actions, registered once (tldraw style) so the node panel, the context menu and tests share
 * one path: each records a timeline action through the controller.
 */
import type { NodeId, NodeSummary } from '../../core/types';
import type { Controller } from '../controller/controller';
import { useStore } from '../store/store';

export interface NodeAction {
  name: 'crash' | 'restart' | 'timeout';
  label: string;
  title: string;
  /** enabled says whether the action makes sense for a node in this state. */
  enabled(s: NodeSummary | undefined): boolean;
  perform(controller: Controller, id: NodeId): void;
}

const report = (what: string) => (e: unknown) =>
  useStore.getState().pushAlert('error', `Could not ${what}: ${e instanceof Error ? e.message : String(e)}`);

export const NODE_ACTIONS: readonly NodeAction[] = [
  {
    name: 'crash',
    label: 'Crash',
    title: 'Stop the node; it keeps only its persistent state (term, vote, log)',
    enabled: (s) => s?.role !== 'crashed',
    perform: (c, id) => void c.act({ action: 'crash', node: id }).catch(report(`crash ${id}`)),
  },
  {
    name: 'restart',
    label: 'Restart',
    title: 'Restart the crashed node from its persistent state',
    enabled: (s) => s?.role === 'crashed',
    perform: (c, id) => void c.act({ action: 'restart', node: id }).catch(report(`restart ${id}`)),
  },
  {
    name: 'timeout',
    label: 'Force election timeout',
    title: 'Make the node time out now and start an election (Raft §5.2)',
    enabled: (s) => s?.role !== 'crashed',
    perform: (c, id) => void c.act({ action: 'timeout', node: id }).catch(report(`time out ${id}`)),
  },
];
