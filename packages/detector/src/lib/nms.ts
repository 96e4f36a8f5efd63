import { assertInRange, assertInteger, assertNumber, assertObject, assertOneOf, boxIou, expectedMessage } from '@facepipe/core';

/** NMS variants: hard suppression, soft-NMS (linear or gaussian score decay), or score-weighted box blending. */
export type NmsMethod = 'hard' | 'soft-linear' | 'soft-gaussian' | 'blend';

/** The NMS methods, for validation and option lists. */
export const NMS_METHODS: readonly NmsMethod[] = ['hard', 'soft-linear', 'soft-gaussian', 'blend'];

/** Options of {@link nonMaxSuppression}. */
export interface NmsOptions {
  /** Boxes overlapping a kept box by more than this IoU are suppressed (hard/blend) or decayed (soft-linear). In [0, 1]. */
  readonly iouThreshold: number;
  /** Default `'hard'`. */
  readonly method?: NmsMethod;
  /** Gaussian soft-NMS spread: `score *= exp(-iou² / sigma)`. Default 0.5. */
  readonly sigma?: number;
  /** Soft-NMS drops boxes whose decayed score falls below this. Default 0. */
  readonly minScore?: number;
  /** Keep at most this many boxes (default: all). */
  readonly topK?: number;
}

/** Boxes kept by {@link nonMaxSuppression}, best first. */
export interface NmsResult {
  readonly count: number;
  /** Index of each kept box in the input (for blend: the cluster's best box). */
  readonly indices: Uint32Array;
  /** Final score of each kept box (decayed for soft-NMS; the cluster's best score for blend). */
  readonly scores: Float32Array;
  /** Final `x1, y1, x2, y2` of each kept box (score-weighted cluster average for blend). */
  readonly boxes: Float32Array;
}

/** Validate NMS options once at a public boundary. @internal */
export function validateNmsOptions(options: NmsOptions): void {
  assertObject(options as unknown, 'options');
  assertInRange(options.iouThreshold, 'iouThreshold', 0, 1);
  if (options.method !== undefined) assertOneOf(options.method, 'method', NMS_METHODS);
  if (options.sigma !== undefined) {
    assertNumber(options.sigma, 'sigma');
    if (options.sigma <= 0) throw new RangeError(expectedMessage('sigma', 'a number > 0', options.sigma));
  }
  if (options.minScore !== undefined) assertInRange(options.minScore, 'minScore', 0, 1);
  if (options.topK !== undefined && options.topK !== Infinity) assertInteger(options.topK, 'topK', 1);
}

/** Sort candidate indices by score descending, ties by index ascending (deterministic). */
function sortedOrder(scores: Float32Array, count: number): Uint32Array {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return order;
}

function result(count: number, indices: Uint32Array, scores: Float32Array, boxes: Float32Array): NmsResult {
  return { count, indices: indices.subarray(0, count), scores: scores.subarray(0, count), boxes: boxes.subarray(0, count * 4) };
}

/**
 * Non-maximum suppression over typed arrays: `boxes` holds `x1, y1, x2, y2` per candidate,
 * `scores` one score each; only the first `count` candidates are read.
 *
 * - `hard`: keep the best box, drop every box with IoU > `iouThreshold` against it, repeat.
 * - `soft-linear`: boxes with IoU > threshold get `score *= 1 - iou`; `soft-gaussian`: every box gets
 *   `score *= exp(-iou² / sigma)`; boxes below `minScore` are dropped (Bodla et al. 2017).
 * - `blend`: each kept box is replaced by the score-weighted mean of its cluster (the boxes it
 *   suppresses, itself included), which steadies boxes over video frames.
 *
 * Ties in score are broken by input index (lower first), so results are deterministic.
 *
 * ## Example
 * ```ts
 * const boxes = new Float32Array([0, 0, 10, 10, 1, 1, 11, 11, 50, 50, 60, 60]);
 * const scores = new Float32Array([0.9, 0.8, 0.7]);
 * const r = nonMaxSuppression(boxes, scores, { iouThreshold: 0.3 });
 * Array.from(r.indices); // [0, 2]
 * ```
 * @throws {RangeError} when an option is out of range, the arrays are too short, or a score is NaN.
 * @throws {TypeError} when an option has the wrong type.
 */
export function nonMaxSuppression(boxes: Float32Array, scores: Float32Array, options: NmsOptions, count: number = scores.length): NmsResult {
  validateNmsOptions(options);
  assertInteger(count, 'count', 0);
  if (scores.length < count) throw new RangeError(expectedMessage('scores', `at least ${count} elements`, `${scores.length} elements`));
  if (boxes.length < count * 4) throw new RangeError(expectedMessage('boxes', `at least ${count * 4} elements (4 per candidate)`, `${boxes.length} elements`));
  for (let i = 0; i < count; i++) {
    const s = scores[i]!;
    if (s !== s) throw new RangeError(`Expected \`scores[${i}]\` to be a score, got \`NaN\` (number)`);
  }
  return nmsUnchecked(boxes, scores, count, options);
}

/** {@link nonMaxSuppression} without validation, for per-frame use after options were checked once. @internal */
export function nmsUnchecked(boxes: Float32Array, scores: Float32Array, count: number, options: NmsOptions): NmsResult {
  const method = options.method ?? 'hard';
  const thr = options.iouThreshold;
  const topK = options.topK ?? Infinity;
  const outIdx = new Uint32Array(count);
  const outScores = new Float32Array(count);
  const outBoxes = new Float32Array(count * 4);
  if (count === 0) return result(0, outIdx, outScores, outBoxes);

  if (method === 'hard' || method === 'blend') {
    const order = sortedOrder(scores, count);
    const suppressed = new Uint8Array(count);
    let kept = 0;
    for (let oi = 0; oi < count && kept < topK; oi++) {
      const i = order[oi]!;
      if (suppressed[i]) continue;
      suppressed[i] = 1;
      const si = scores[i]!;
      let wsum = si, bx1 = boxes[i * 4]! * si, by1 = boxes[i * 4 + 1]! * si, bx2 = boxes[i * 4 + 2]! * si, by2 = boxes[i * 4 + 3]! * si;
      for (let oj = oi + 1; oj < count; oj++) {
        const j = order[oj]!;
        if (suppressed[j]) continue;
        if (boxIou(boxes, i * 4, boxes, j * 4) > thr) {
          suppressed[j] = 1;
          if (method === 'blend') {
            const sj = scores[j]!;
            wsum += sj;
            bx1 += boxes[j * 4]! * sj; by1 += boxes[j * 4 + 1]! * sj; bx2 += boxes[j * 4 + 2]! * sj; by2 += boxes[j * 4 + 3]! * sj;
          }
        }
      }
      outIdx[kept] = i;
      outScores[kept] = si;
      const o = kept * 4;
      if (method === 'blend' && wsum > 0) {
        outBoxes[o] = bx1 / wsum; outBoxes[o + 1] = by1 / wsum; outBoxes[o + 2] = bx2 / wsum; outBoxes[o + 3] = by2 / wsum;
      } else {
        outBoxes[o] = boxes[i * 4]!; outBoxes[o + 1] = boxes[i * 4 + 1]!; outBoxes[o + 2] = boxes[i * 4 + 2]!; outBoxes[o + 3] = boxes[i * 4 + 3]!;
      }
      kept++;
    }
    return result(kept, outIdx, outScores, outBoxes);
  }

  // Soft-NMS: repeatedly take the best remaining (decayed) score.
  const gaussian = method === 'soft-gaussian';
  const sigma = options.sigma ?? 0.5;
  const minScore = options.minScore ?? 0;
  const work = new Float32Array(count);
  const active = new Uint32Array(count);
  let n = 0;
  for (let i = 0; i < count; i++) {
    if (scores[i]! >= minScore) {
      work[i] = scores[i]!;
      active[n++] = i;
    }
  }
  let kept = 0;
  while (n > 0 && kept < topK) {
    let best = 0;
    for (let k = 1; k < n; k++) {
      const a = active[k]!, b = active[best]!;
      if (work[a]! > work[b]! || (work[a] === work[b] && a < b)) best = k;
    }
    const i = active[best]!;
    active[best] = active[--n]!;
    outIdx[kept] = i;
    outScores[kept] = work[i]!;
    const o = kept * 4;
    outBoxes[o] = boxes[i * 4]!; outBoxes[o + 1] = boxes[i * 4 + 1]!; outBoxes[o + 2] = boxes[i * 4 + 2]!; outBoxes[o + 3] = boxes[i * 4 + 3]!;
    kept++;
    for (let k = 0; k < n; ) {
      const j = active[k]!;
      const iou = boxIou(boxes, i * 4, boxes, j * 4);
      if (gaussian) work[j] = work[j]! * Math.exp(-(iou * iou) / sigma);
      else if (iou > thr) work[j] = work[j]! * (1 - iou);
      if (work[j]! < minScore || work[j] === 0) active[k] = active[--n]!;
      else k++;
    }
  }
  return result(kept, outIdx, outScores, outBoxes);
}
