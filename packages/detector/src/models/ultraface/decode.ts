import { assertBufferLength, ShapeMismatchError } from '@facepipe/core';
import { reserveCandidates, type Candidates } from '../../lib/candidates.js';
import { DetectorOutputError } from '../../lib/errors.js';

/** Centre variance and size variance of the UltraFace box coder. */
export const ULTRAFACE_CENTER_VARIANCE = 0.1;
export const ULTRAFACE_SIZE_VARIANCE = 0.2;

/**
 * Decode raw UltraFace regressions (`[dx, dy, dw, dh]` per prior) into corner boxes
 * `[x1, y1, x2, y2]` normalised to the network input, exactly as the decoded ONNX exports do
 * in-graph: `cx = dx·0.1·pw + pcx`, `w = exp(dw·0.2)·pw`, then centre → corners (no clamping).
 *
 * ## Example
 * ```ts
 * const priors = generateUltrafacePriors(320, 240);
 * const boxes = decodeUltrafaceBoxes(out.boxes.data as Float32Array, priors);
 * ```
 * @throws {ShapeMismatchError} when `raw` and `priors` differ in length.
 */
export function decodeUltrafaceBoxes(raw: Float32Array, priors: Float32Array, out?: Float32Array): Float32Array {
  if (raw.length !== priors.length) throw new ShapeMismatchError('raw UltraFace boxes', `${priors.length} floats (4 per prior)`, `${raw.length} floats`);
  const dst = out ?? new Float32Array(raw.length);
  assertBufferLength(dst, 'out', raw.length);
  for (let o = 0; o < raw.length; o += 4) decodeOne(raw, priors, o, dst, o);
  return dst;
}

function decodeOne(raw: Float32Array, priors: Float32Array, i: number, dst: Float32Array, o: number): void {
  const pw = priors[i + 2]!, ph = priors[i + 3]!;
  const cx = raw[i]! * ULTRAFACE_CENTER_VARIANCE * pw + priors[i]!;
  const cy = raw[i + 1]! * ULTRAFACE_CENTER_VARIANCE * ph + priors[i + 1]!;
  const w = Math.exp(raw[i + 2]! * ULTRAFACE_SIZE_VARIANCE) * pw;
  const h = Math.exp(raw[i + 3]! * ULTRAFACE_SIZE_VARIANCE) * ph;
  dst[o] = cx - w / 2;
  dst[o + 1] = cy - h / 2;
  dst[o + 2] = cx + w / 2;
  dst[o + 3] = cy + h / 2;
}

/**
 * Collect the UltraFace candidates whose face probability (`scores[i*2 + 1]`) exceeds
 * `scoreThreshold`, decoding only those (one pass over the scores). `priors` is `null` for the
 * in-graph-decoded exports (their `boxes` are already corners). Boxes are written in input
 * pixels (`width` x `height` of the network input) into `out`, which is reset first.
 *
 * ## Example
 * ```ts
 * const c = createCandidates();
 * collectUltrafaceCandidates(scores, boxes, priors, 0.6, 320, 240, c);
 * c.count; // faces above 0.6 before NMS
 * ```
 * @throws {DetectorOutputError} when a score is NaN or a kept candidate's box is not finite (a broken model or input).
 */
export function collectUltrafaceCandidates(
  scores: Float32Array,
  boxes: Float32Array,
  priors: Float32Array | null,
  scoreThreshold: number,
  width: number,
  height: number,
  out: Candidates,
  model = 'ultraface',
): Candidates {
  const n = scores.length >> 1;
  out.count = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[2 * i + 1]!;
    if (s > scoreThreshold) {
      if (count >= out.scores.length) {
        out.count = count;
        reserveCandidates(out, count + 1);
      }
      const o = count * 4;
      const b = out.boxes;
      if (priors) decodeOne(boxes, priors, i * 4, b, o);
      else {
        b[o] = boxes[i * 4]!; b[o + 1] = boxes[i * 4 + 1]!; b[o + 2] = boxes[i * 4 + 2]!; b[o + 3] = boxes[i * 4 + 3]!;
      }
      b[o] = b[o]! * width; b[o + 1] = b[o + 1]! * height; b[o + 2] = b[o + 2]! * width; b[o + 3] = b[o + 3]! * height;
      const check = b[o]! + b[o + 1]! + b[o + 2]! + b[o + 3]!;
      if (!Number.isFinite(check)) throw new DetectorOutputError(model, 'boxes', i * 4, firstInvalid(boxes, i * 4));
      out.scores[count] = s;
      count++;
    } else if (s !== s) {
      throw new DetectorOutputError(model, 'scores', 2 * i + 1, s);
    }
  }
  out.count = count;
  return out;
}

/** The first non-finite value of the 4 at `i` (for the error message). */
function firstInvalid(a: Float32Array, i: number): number {
  for (let k = i; k < i + 4; k++) if (!Number.isFinite(a[k]!)) return a[k]!;
  return a[i]!;
}
