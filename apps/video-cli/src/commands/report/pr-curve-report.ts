import type { PrCurveReport } from './report-data.js';

const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

/**
 * The precision-recall curve of a detection evaluation, ready to plot: one point per detection in
 * descending score order (recall never decreases along it), starting at recall 0 with the first
 * detection's precision, values rounded to 1e-4.
 *
 * ## Example
 * ```ts
 * prCurveReport({ recall: [0.5, 1], precision: [1, 1] }, 1); // { kind: 'pr', recall: [0, 0.5, 1], precision: [1, 1, 1], ap: 1 }
 * ```
 * @param curve `DetectionEvaluation.curve` (or any recall/precision pair of equal length).
 * @param ap The average precision reported with it.
 * @throws {RangeError} when the arrays differ in length.
 */
export function prCurveReport(curve: { readonly recall: ArrayLike<number>; readonly precision: ArrayLike<number> }, ap: number): PrCurveReport {
  const n = curve.recall.length;
  if (curve.precision.length !== n) throw new RangeError(`Expected \`curve.precision\` to have ${n} values like \`curve.recall\`, got ${curve.precision.length}`);
  const recall = [0];
  const precision = [n > 0 ? r4(curve.precision[0]!) : 0];
  for (let i = 0; i < n; i++) {
    recall.push(r4(curve.recall[i]!));
    precision.push(r4(curve.precision[i]!));
  }
  return { kind: 'pr', recall, precision, ap: r4(ap) };
}
