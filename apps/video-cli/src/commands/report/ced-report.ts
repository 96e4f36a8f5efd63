import { assertInRange } from '@facepipe/core';
import type { CedReport } from './report-data.js';

const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

/**
 * Cumulative error distribution of per-face NME, the landmark field's standard curve: for
 * thresholds 0..`limit` the fraction of faces with NME ≤ threshold, its area under the curve
 * normalised by `limit` (AUC@limit, 1 = every face perfect) and the failure rate (share of faces
 * with NME > `limit`). Non-finite NMEs count as failures.
 *
 * ## Example
 * ```ts
 * const ced = cedReport([0.02, 0.05, 0.2]);
 * ced.failureRate; // 0.3333
 * ced.auc;         // ≈ 0.43 (two of three faces, at 0.02 and 0.05)
 * ```
 * @param nme Per-face NME values (at least one).
 * @param limit Upper threshold (default 0.1).
 * @param steps Number of threshold steps (default 200).
 * @throws {RangeError} for an empty list or a non-positive limit.
 */
export function cedReport(nme: readonly number[], limit = 0.1, steps = 200): CedReport {
  if (nme.length === 0) throw new RangeError('Expected `nme` to hold at least one face, got none');
  assertInRange(limit, 'limit', Number.MIN_VALUE, Infinity);
  const sorted = Float64Array.from(nme, (v) => (Number.isFinite(v) ? v : Infinity)).sort();
  const threshold: number[] = [];
  const fraction: number[] = [];
  let k = 0;
  let area = 0;
  let prev = 0;
  for (let s = 0; s <= steps; s++) {
    const th = (limit * s) / steps;
    while (k < sorted.length && sorted[k]! <= th) k++;
    const f = k / sorted.length;
    if (s > 0) area += ((prev + f) / 2) * (limit / steps);
    prev = f;
    threshold.push(r4(th));
    fraction.push(r4(f));
  }
  let failures = 0;
  for (const v of sorted) if (v > limit) failures++;
  return { kind: 'ced', threshold, fraction, limit, auc: r4(area / limit), failureRate: r4(failures / sorted.length) };
}
