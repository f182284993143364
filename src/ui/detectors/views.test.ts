import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createDetector, heartbeat, watch } from '../../core/detectors/detector';
import type { SweepPoint } from '../../core/detectors/measures';
import { DetectorPlot } from './DetectorPlot';
import { buildSuspicionMatrix } from './model';
import { SuspicionMatrix } from './SuspicionMatrix';

describe('the shared detector views', () => {
  it('draw a cell per pair, a false suspicion marked, and say the threshold', () => {
    const fd = heartbeat(watch(createDetector({ kind: 'fixed', timeoutMs: 500 }), 'n2', 0), 'n2', 100);
    const model = buildSuspicionMatrix({ nodes: ['n1', 'n2'], detectors: { n1: fd, n2: null }, now: 900, crashed: new Set() });
    const html = renderToStaticMarkup(createElement(SuspicionMatrix, { model }));
    expect(html).toContain('data-testid="fd-cell-n1-n2"');
    expect(html).toMatch(/fd-cell grade-suspected fd-false[^>]*>800<b class="fd-bang">!<\/b>/);
    expect(html).toContain('timeout 500 ms');
  });

  it('plot both measures against the threshold, with the one in use marked', () => {
    const sweep: SweepPoint[] = [
      { threshold: 1, detected: 2, missed: 0, meanDetectionMs: 300, maxDetectionMs: 320, falseSuspicions: 9, falsePerMinute: 3 },
      { threshold: 8, detected: 2, missed: 0, meanDetectionMs: 900, maxDetectionMs: 950, falseSuspicions: 0, falsePerMinute: 0 },
    ];
    const html = renderToStaticMarkup(createElement(DetectorPlot, { sweep, kind: 'phi', threshold: 8 }));
    expect(html).toContain('threshold Φ');
    expect(html).toMatch(/d="M[\d.]+,[\d.]+L[\d.]+,[\d.]+" class="fd-detect" data-testid="fd-detect-line"/);
    expect(html).toMatch(/d="M[\d.]+,[\d.]+L[\d.]+,[\d.]+" class="fd-falses" data-testid="fd-false-line"/);
    expect(html).toContain('class="fd-now"');
  });
});
