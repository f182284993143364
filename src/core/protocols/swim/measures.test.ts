/** SWIM's measures and the paper's expectations (Das et al. 2002 §3.1, §5). */
import { describe, expect, it } from 'vitest';
import { SWIM_DEFAULTS } from './config';
import { expectedFalsePositive, expectedFirstDetectionMs } from './measures';

describe('the paper’s expectations', () => {
  it('first detection tends to e/(e−1)·T′ when every member is up', () => {
    expect(expectedFirstDetectionMs(SWIM_DEFAULTS, 1)).toBeCloseTo((Math.E / (Math.E - 1)) * 300, 6);
    expect(expectedFirstDetectionMs(SWIM_DEFAULTS, 0.5)).toBeGreaterThan(expectedFirstDetectionMs(SWIM_DEFAULTS, 1));
  });

  it('the false-positive chance falls with k and is nil without loss', () => {
    expect(expectedFalsePositive(3, 0)).toBe(0);
    expect(expectedFalsePositive(0, 0.1)).toBeCloseTo(0.19, 6);
    expect(expectedFalsePositive(3, 0.1)).toBeCloseTo(0.19 * (1 - 0.9 ** 4) ** 3, 9);
    expect(expectedFalsePositive(3, 0.1)).toBeLessThan(expectedFalsePositive(1, 0.1));
  });
});
