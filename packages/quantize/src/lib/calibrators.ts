import { assertInRange, assertOneOf } from '@facepipe/core';
import { HISTOGRAM_BINS, type TensorStatistics } from './tensor-statistics.js';

/** Calibration method: raw min/max, a percentile of |x|, or the KL-divergence (entropy) threshold. */
export type CalibrationMethod = 'minmax' | 'percentile' | 'entropy';

/** Float range chosen for one tensor. */
export interface TensorRange {
  readonly min: number;
  readonly max: number;
}

/** Options of {@link calibrateRange}. */
export interface CalibrateOptions {
  /** For `percentile`: the share of |x| kept, in percent (default 99.99). */
  readonly percentile?: number;
  /** For `entropy`: number of quantized bins the reference histogram is merged into (default 128, as TensorRT). */
  readonly quantizedBins?: number;
}

/**
 * Choose the float range of a tensor from its calibration statistics.
 * `minmax` keeps [min, max]; `percentile` and `entropy` find a threshold T on the |x| histogram and
 * clip to [max(min, -T), min(max, T)].
 *
 * ## Example
 * ```ts
 * calibrateRange(stats, 'percentile', { percentile: 99.99 }); // { min: 0, max: 5.71 }
 * ```
 * @throws {TypeError|RangeError} on a bad method or percentile.
 */
export function calibrateRange(stats: TensorStatistics, method: CalibrationMethod, options: CalibrateOptions = {}): TensorRange {
  assertOneOf(method, 'method', ['minmax', 'percentile', 'entropy'] as const);
  if (method === 'minmax' || !stats.histogram || !(stats.histogramRange > 0)) return { min: stats.min, max: stats.max };
  const binWidth = stats.histogramRange / HISTOGRAM_BINS;
  let threshold: number;
  if (method === 'percentile') {
    const p = options.percentile ?? 99.99;
    assertInRange(p, 'percentile', 0, 100);
    threshold = percentileThreshold(stats.histogram, p) * binWidth;
  } else {
    threshold = entropyThreshold(stats.histogram, options.quantizedBins ?? 128) * binWidth;
    // never clip below the percentile-99 point: KL on post-ReLU histograms (a spike of exact zeros) can
    // otherwise pick absurdly small thresholds
    threshold = Math.max(threshold, percentileThreshold(stats.histogram, 99) * binWidth);
  }
  return { min: Math.max(stats.min, -threshold), max: Math.min(stats.max, threshold) };
}

/** Upper edge (in bins) below which `percent` % of the histogram mass lies. */
function percentileThreshold(hist: Float64Array, percent: number): number {
  let total = 0;
  for (let i = 0; i < hist.length; i++) total += hist[i];
  const target = (total * percent) / 100;
  let acc = 0;
  for (let i = 0; i < hist.length; i++) {
    acc += hist[i];
    if (acc >= target) return i + 1;
  }
  return hist.length;
}

/**
 * TensorRT-style entropy calibration: for every candidate threshold i in [quantBins, bins], the
 * reference distribution P is hist[0..i) with the clipped tail added to its last bin; Q merges
 * hist[0..i) into `quantBins` groups and spreads each group evenly over its non-empty bins.
 * Returns the i (upper edge in bins) minimising KL(P || Q).
 */
function entropyThreshold(full: Float64Array, quantBins: number): number {
  const bins = full.length;
  // exact zeros (ReLU floors, padding) are represented exactly whatever the threshold: leave them out
  // of the distributions, as they would otherwise dominate P and Q
  const hist = Float64Array.from(full);
  hist[0] = 0;
  if (quantBins >= bins) return bins;
  // suffix sums for the clipped tail
  const tail = new Float64Array(bins + 1);
  for (let i = bins - 1; i >= 0; i--) tail[i] = tail[i + 1] + hist[i];
  const p = new Float64Array(bins);
  const q = new Float64Array(bins);
  let best = bins;
  let bestKl = Infinity;
  for (let i = quantBins; i <= bins; i++) {
    for (let j = 0; j < i; j++) p[j] = hist[j];
    p[i - 1] += tail[i];
    // build Q from hist[0..i) (unclipped) merged into quantBins groups
    const perGroup = i / quantBins;
    for (let g = 0; g < quantBins; g++) {
      const start = Math.floor(g * perGroup);
      const end = g === quantBins - 1 ? i : Math.floor((g + 1) * perGroup);
      let sum = 0;
      let nonZero = 0;
      for (let j = start; j < end; j++) {
        sum += hist[j];
        if (hist[j] > 0) nonZero++;
      }
      const v = nonZero > 0 ? sum / nonZero : 0;
      for (let j = start; j < end; j++) q[j] = hist[j] > 0 ? v : 0;
    }
    let pSum = 0;
    let qSum = 0;
    for (let j = 0; j < i; j++) {
      pSum += p[j];
      qSum += q[j];
    }
    if (pSum === 0 || qSum === 0) continue;
    let kl = 0;
    for (let j = 0; j < i; j++) {
      if (p[j] === 0) continue;
      const pj = p[j] / pSum;
      // Q is 0 only where hist is 0 except for the tail bin; smooth with a tiny epsilon there
      const qj = q[j] > 0 ? q[j] / qSum : 1e-12;
      kl += pj * Math.log(pj / qj);
    }
    if (kl < bestKl) {
      bestKl = kl;
      best = i;
    }
  }
  return best;
}
