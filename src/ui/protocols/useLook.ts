/** useLook: the look of the protocol the store's scenario runs (see registry.ts). */
import { useStore, type PlaygroundState } from '../store/store';
import { lookOf } from './registry';
import type { ProtocolLook } from './types';

const selectLook = (s: PlaygroundState): ProtocolLook => lookOf(s.protocol);

/** useLook gives the running protocol's look; components re-render only when the protocol changes. */
export function useLook(): ProtocolLook {
  return useStore(selectLook);
}
