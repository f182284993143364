/** useLook: the look of the protocol the store's scenario runs (see protocolLook.ts). */
import { useStore, type PlaygroundState } from '../store/store';
import { lookOf, type ProtocolLook } from './protocolLook';

const selectLook = (s: PlaygroundState): ProtocolLook => lookOf(s.protocol);

/** useLook gives the running protocol's look; components re-render only when the protocol changes. */
export function useLook(): ProtocolLook {
  return useStore(selectLook);
}
