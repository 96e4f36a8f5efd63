import { describe, expect, it } from 'vitest';
import { cedReport } from './ced-report.js';
import { iouHistogramReport } from './iou-histogram-report.js';
import { prCurveReport } from './pr-curve-report.js';

describe('standard curves', () => {
  it('prCurveReport starts at recall 0 and keeps the evaluator order', () => {
    const r = prCurveReport({ recall: Float64Array.of(0.25, 0.5, 0.5, 0.75), precision: Float64Array.of(1, 1, 0.6667, 0.75) }, 0.7083);
    expect(r.recall).toEqual([0, 0.25, 0.5, 0.5, 0.75]);
    expect(r.precision).toEqual([1, 1, 1, 0.6667, 0.75]);
    expect(r.ap).toBe(0.7083);
    expect(() => prCurveReport({ recall: [0.1], precision: [] }, 0)).toThrow(RangeError);
  });

  it('cedReport: fraction, AUC@0.1 and failure rate by hand', () => {
    const r = cedReport([0.02, 0.05, 0.2, Number.NaN], 0.1, 100);
    expect(r.threshold[0]).toBe(0);
    expect(r.threshold.at(-1)).toBe(0.1);
    expect(r.fraction[1]).toBe(0); // 0.001
    expect(r.fraction[2 * 10]).toBe(0.25); // 0.02 inclusive
    expect(r.fraction.at(-1)).toBe(0.5);
    expect(r.failureRate).toBe(0.5);
    // step function: 1/4 over (0.02, 0.05], 2/4 over (0.05, 0.1]; trapezoids smear each step by half a bin
    expect(r.auc).toBeCloseTo((0.25 * 0.03 + 0.5 * 0.05) / 0.1, 2);
    expect(() => cedReport([])).toThrow(/at least one face/);
  });

  it('iouHistogramReport bins values and puts 1.0 in the last bin', () => {
    const r = iouHistogramReport([0.91, 0.95, 0.42, 1], 10);
    expect(r.count).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 3]);
    expect(r.binStart[4]).toBe(0.4);
    expect(r.meanIou).toBe(0.82);
    expect(() => iouHistogramReport([1.2])).toThrow(RangeError);
    expect(() => iouHistogramReport([1.2])).toThrow(/`ious\[0\]`.*\[0, 1\].*1\.2/);
    expect(() => iouHistogramReport([0.5], 0)).toThrow(/`bins`/);
  });
});
