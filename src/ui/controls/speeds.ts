/** SPEEDS are the playback speeds offered, slowest first (multiples of real time), then 'max'. */
import type { Speed } from '../store/types';

export const SPEEDS: readonly Speed[] = [0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 'max'];

/** DEFAULT_SPEED is slow enough to follow every message on a projector. */
export const DEFAULT_SPEED: Speed = 0.2;

export const speedLabel = (s: Speed): string => (s === 'max' ? 'max' : `${s}×`);
