import { assertInRange, assertNumber, assertObject, boxIou, expectedMessage } from '@facepipe/core';

/** A predicted box with its score (a `Face` fits). */
export interface ScoredBox {
  readonly box: readonly [number, number, number, number];
  readonly score: number;
}

/** Ground truth of one image (an `AnnotatedImage` fits). */
export interface GroundTruthImage {
  readonly faces: readonly { readonly box: readonly [number, number, number, number] }[];
}

/** Options of {@link evaluateDetections}. */
export interface EvaluateOptions {
  /** IoU needed for a match (default 0.5; the facepipe reference protocol uses 0.4). */
  readonly iou?: number;
  /** Ground-truth faces whose shorter side is below this many pixels are ignored (default 0). */
  readonly minSize?: number;
  /** Detections whose shorter side is below this are discarded before matching (default 0). */
  readonly minDetectionSize?: number;
  /** Detections scoring below this are discarded before matching (default 0). */
  readonly minScore?: number;
}

/** Detection quality over a set of images. */
export interface DetectionEvaluation {
  /** Average precision: area under the all-point interpolated precision/recall curve. */
  readonly ap: number;
  /** TP / (TP + FP) over all kept detections (1 when there are none). */
  readonly precision: number;
  /** TP / number of counted ground-truth faces (0 when there are none). */
  readonly recall: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  /** Ground-truth faces counted (not ignored). */
  readonly groundTruth: number;
  /** Ground-truth faces ignored (below `minSize`). */
  readonly ignoredGroundTruth: number;
  /** Detections that matched an ignored face (neither TP nor FP). */
  readonly ignoredDetections: number;
  /** Precision/recall after each detection, in descending score order. */
  readonly curve: { readonly scores: Float64Array; readonly precision: Float64Array; readonly recall: Float64Array };
}

const shortSide = (b: readonly number[]): number => Math.min(b[2]! - b[0]!, b[3]! - b[1]!);

/**
 * Area under the all-point interpolated precision/recall curve (PASCAL VOC 2010+ and the WIDER FACE
 * evaluation): precision is made monotonically non-increasing from the right, then summed over
 * every recall step.
 *
 * ## Example
 * ```ts
 * averagePrecision(new Float64Array([0.5, 0.5, 1]), new Float64Array([1, 0.5, 0.67])); // 0.67
 * ```
 */
export function averagePrecision(recall: ArrayLike<number>, precision: ArrayLike<number>): number {
  const n = recall.length;
  const p = new Float64Array(n);
  let best = 0;
  for (let i = n - 1; i >= 0; i--) {
    best = Math.max(best, precision[i]!);
    p[i] = best;
  }
  let ap = 0;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const r = recall[i]!;
    if (r > prev) {
      ap += (r - prev) * p[i]!;
      prev = r;
    }
  }
  return ap;
}

/**
 * Score face detections against ground truth: per image, detections are matched greedily in
 * descending score order to the unmatched ground-truth face of highest IoU (≥ `iou`). A match with
 * an ignored face (shorter side < `minSize`) counts as neither TP nor FP; an unmatched detection
 * is a FP. Returns precision, recall and AP (all-point interpolated PR curve over all images).
 *
 * ## Example
 * ```ts
 * const gt = await loadFaceAnnotations('shared/data/faces/dlib_pascal/annotations.json');
 * const preds = await Promise.all(gt.images.map(async (im) => detector.detect(await readImage(im.path))));
 * const r = evaluateDetections(preds, gt.images, { iou: 0.4, minSize: 20, minDetectionSize: 16 });
 * r.recall; // 1
 * ```
 * @throws {RangeError} when the two lists differ in length or an option is out of range.
 * @throws {TypeError} when a box or score is malformed.
 */
export function evaluateDetections(
  predictions: readonly (readonly ScoredBox[])[],
  groundTruth: readonly GroundTruthImage[],
  options: EvaluateOptions = {},
): DetectionEvaluation {
  assertObject(options as unknown, 'options');
  const iouThr = options.iou ?? 0.5;
  assertInRange(iouThr, 'iou', 0, 1);
  const minSize = options.minSize ?? 0;
  const minDet = options.minDetectionSize ?? 0;
  const minScore = options.minScore ?? 0;
  assertInRange(minSize, 'minSize', 0, Number.MAX_VALUE);
  assertInRange(minDet, 'minDetectionSize', 0, Number.MAX_VALUE);
  assertInRange(minScore, 'minScore', 0, 1);
  if (!Array.isArray(predictions as unknown)) throw new TypeError(expectedMessage('predictions', 'an array (one list per image)', predictions));
  if (!Array.isArray(groundTruth as unknown)) throw new TypeError(expectedMessage('groundTruth', 'an array (one entry per image)', groundTruth));
  if (predictions.length !== groundTruth.length) {
    throw new RangeError(expectedMessage('predictions', `one list per ground-truth image (${groundTruth.length})`, `${predictions.length} lists`));
  }
  const scores: number[] = [];
  const isTp: number[] = [];
  let nGt = 0, nIgnored = 0, ignoredDet = 0;
  for (let im = 0; im < groundTruth.length; im++) {
    const gts = groundTruth[im]!.faces;
    const ignored = gts.map((g) => shortSide(g.box) < minSize);
    for (const ig of ignored) ig ? nIgnored++ : nGt++;
    const taken = new Uint8Array(gts.length);
    const dets = predictions[im]!.filter((d, k) => {
      if (!d || !Array.isArray(d.box) || d.box.length !== 4) throw new TypeError(expectedMessage(`predictions[${im}][${k}].box`, '[x1, y1, x2, y2]', d?.box));
      assertNumber(d.score, `predictions[${im}][${k}].score`);
      return d.score >= minScore && shortSide(d.box) >= minDet;
    });
    const order = dets.map((_, k) => k).sort((a, b) => dets[b]!.score - dets[a]!.score || a - b);
    for (const k of order) {
      const d = dets[k]!;
      let best = -1, bestIou = iouThr;
      for (let g = 0; g < gts.length; g++) {
        if (taken[g]) continue;
        const v = boxIou(d.box, 0, gts[g]!.box, 0);
        if (v >= bestIou && (best < 0 || v > bestIou)) {
          best = g;
          bestIou = v;
        }
      }
      if (best >= 0) {
        taken[best] = 1;
        if (ignored[best]) {
          ignoredDet++;
          continue;
        }
      }
      scores.push(d.score);
      isTp.push(best >= 0 ? 1 : 0);
    }
  }
  const order = scores.map((_, k) => k).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const n = order.length;
  const cs = new Float64Array(n), cp = new Float64Array(n), cr = new Float64Array(n);
  let tp = 0, fp = 0;
  for (let i = 0; i < n; i++) {
    const k = order[i]!;
    if (isTp[k]) tp++;
    else fp++;
    cs[i] = scores[k]!;
    cp[i] = tp / (tp + fp);
    cr[i] = nGt > 0 ? tp / nGt : 0;
  }
  return {
    ap: nGt > 0 ? averagePrecision(cr, cp) : 0,
    precision: n > 0 ? tp / n : 1,
    recall: nGt > 0 ? tp / nGt : 0,
    truePositives: tp,
    falsePositives: fp,
    groundTruth: nGt,
    ignoredGroundTruth: nIgnored,
    ignoredDetections: ignoredDet,
    curve: { scores: cs, precision: cp, recall: cr },
  };
}
