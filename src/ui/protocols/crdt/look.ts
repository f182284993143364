/**
 * The CRDT look (Shapiro et al. 2011): replicas are equals (no leader, no epoch, no forced
 * timeout); a replica that buffers op-based ops until causally ready is drawn as waiting. Under
 * each node its value and the updates it includes; the CRDT panel shows every replica's state and
 * the latest merge; the request form sends the ops the type serves.
 */
import { CrdtRequestForm } from './CrdtRequestForm';
import type { UiPlugin } from '../types';
import { CrdtPanel } from './CrdtPanel';
import { classifyCrdt, CRDT_DRAW_ORDER, CRDT_KINDS } from './kinds';

export const crdtLook: UiPlugin = {
  roles: [
    { role: 'replica', label: 'replica', tone: 'informed', description: 'A replica: takes updates from clients and merges its peers’ states' },
    { role: 'buffering', label: 'buffering', tone: 'blocked', description: 'Holds op-based ops that wait for their causal past to be delivered (vector clocks)' },
  ],
  defaultRole: 'replica',
  leaderWord: 'any replica',
  messageKinds: CRDT_KINDS,
  classify: classifyCrdt,
  drawOrder: CRDT_DRAW_ORDER,
  nodeLine: (s) => [
    { label: 'value', value: String(s.fields?.value ?? '') },
    { label: 'updates', value: Number(s.fields?.updates ?? 0) },
  ],
  epoch: null,
  persists: 'its state, version vector and delivered ops (not the buffer)',
  tolerance: (n) => `${n} replicas: any may crash or be cut off; each keeps taking updates, and anti-entropy merges them when it returns`,
  panel: CrdtPanel,
  requestForm: CrdtRequestForm,
  routineWords: 'digests',
};
