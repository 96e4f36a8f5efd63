import { ShapeMismatchError } from '@facepipe/core';
import { LANDMARK_GROUPS } from './landmark-groups.js';
import { wflw98ToIbug68 } from './wflw98-to-ibug68.js';

/** Regions reported by {@link evaluateLandmarks} (iBUG-68 groups). */
export type LandmarkRegion = 'contour' | 'brows' | 'nose' | 'eyes' | 'mouth';

/** One prediction and its ground truth. */
export interface LandmarkPair {
  /** 68 iBUG or 98 WFLW points, interleaved (98 are mapped to 68 first). */
  readonly predicted: ArrayLike<number>;
  /** 68 iBUG points, interleaved (136 numbers). */
  readonly truth: ArrayLike<number>;
}

/** Result of {@link evaluateLandmarks}. */
export interface LandmarkEvaluation {
  readonly count: number;
  /** Mean normalised mean error over faces. */
  readonly nme: number;
  readonly medianNme: number;
  /** NME of each pair, in input order. */
  readonly perFace: readonly number[];
  /** Mean NME restricted to each region. */
  readonly perRegion: Readonly<Record<LandmarkRegion, number>>;
  /** Share of faces with NME > 0.1. */
  readonly failureRate: number;
}

const REGIONS: readonly LandmarkRegion[] = ['contour', 'brows', 'nose', 'eyes', 'mouth'];

/**
 * Normalised mean error of landmark predictions against 68-point ground truth: per face, the mean
 * point-to-point distance divided by the outer-eye-corner distance (iBUG points 36 and 45, the
 * "inter-ocular" normalisation of 300-W); 98-point predictions are mapped to 68 with
 * {@link wflw98ToIbug68}.
 *
 * ## Example
 * ```ts
 * const ev = evaluateLandmarks([{ predicted: face.landmarks!, truth: gt.landmarks }]);
 * ev.nme; // 0.06
 * ```
 * @throws {ShapeMismatchError} when a prediction is neither 68 nor 98 points or a truth is not 68 points.
 * @throws {RangeError} when `pairs` is empty or a truth has coincident eye corners.
 */
export function evaluateLandmarks(pairs: readonly LandmarkPair[]): LandmarkEvaluation {
  if (pairs.length === 0) throw new RangeError('Expected `pairs` to hold at least one prediction/truth pair, got 0');
  const perFace: number[] = [];
  const regionSum: Record<LandmarkRegion, number> = { contour: 0, brows: 0, nose: 0, eyes: 0, mouth: 0 };
  const p68 = new Float32Array(136);
  const dist = new Float64Array(68);
  pairs.forEach(({ predicted, truth }, k) => {
    if (truth.length !== 136) throw new ShapeMismatchError(`truth #${k}`, '136 numbers (68 points)', `${truth.length} numbers`);
    let pred: ArrayLike<number>;
    if (predicted.length === 196) pred = wflw98ToIbug68(predicted, p68);
    else if (predicted.length === 136) pred = predicted;
    else throw new ShapeMismatchError(`prediction #${k}`, '136 or 196 numbers (68 or 98 points)', `${predicted.length} numbers`);
    const norm = Math.hypot(truth[72]! - truth[90]!, truth[73]! - truth[91]!);
    if (!(norm > 0)) throw new RangeError(`Ground truth #${k} has coincident outer eye corners: cannot normalise`);
    let sum = 0;
    for (let i = 0; i < 68; i++) {
      const d = Math.hypot(pred[2 * i]! - truth[2 * i]!, pred[2 * i + 1]! - truth[2 * i + 1]!) / norm;
      dist[i] = d;
      sum += d;
    }
    perFace.push(sum / 68);
    for (const r of REGIONS) {
      const idx = LANDMARK_GROUPS[68][r];
      let s = 0;
      for (const i of idx) s += dist[i]!;
      regionSum[r] += s / idx.length;
    }
  });
  const n = perFace.length;
  const sorted = [...perFace].sort((a, b) => a - b);
  const medianNme = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const perRegion = Object.fromEntries(REGIONS.map((r) => [r, regionSum[r] / n])) as Record<LandmarkRegion, number>;
  return {
    count: n,
    nme: perFace.reduce((a, b) => a + b, 0) / n,
    medianNme,
    perFace,
    perRegion,
    failureRate: perFace.filter((e) => e > 0.1).length / n,
  };
}
