import { assertInRange, assertInteger } from '@facepipe/core';
import type { IouHistogramReport } from './report-data.js';

/**
 * Histogram of per-image IoU in `bins` equal bins over [0, 1] (an IoU of exactly 1 falls in the
 * last bin), with the mean.
 *
 * ## Example
 * ```ts
 * iouHistogramReport([0.91, 0.95, 0.42], 10).count; // [0, 0, 0, 0, 1, 0, 0, 0, 0, 2]
 * ```
 * @param ious Per-image IoU values in [0, 1] (at least one).
 * @param bins Number of bins (default 20).
 * @throws {RangeError} for an empty list, a value outside [0, 1] or a bad bin count.
 */
export function iouHistogramReport(ious: readonly number[], bins = 20): IouHistogramReport {
  if (ious.length === 0) throw new RangeError('Expected `ious` to hold at least one image, got none');
  assertInteger(bins, 'bins', 1);
  const count = new Array<number>(bins).fill(0);
  let sum = 0;
  for (const [i, v] of ious.entries()) {
    assertInRange(v, `ious[${i}]`, 0, 1);
    count[Math.min(bins - 1, Math.floor(v * bins))]!++;
    sum += v;
  }
  const binWidth = 1 / bins;
  return { kind: 'iou-histogram', binStart: count.map((_, i) => Math.round(i * binWidth * 1e4) / 1e4), count, binWidth, meanIou: Math.round((sum / ious.length) * 1e4) / 1e4 };
}
