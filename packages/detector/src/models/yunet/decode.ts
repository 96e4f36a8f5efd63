import { ShapeMismatchError } from '@facepipe/core';
import { reserveCandidates, type Candidates } from '../../lib/candidates.js';
import { DetectorOutputError } from '../../lib/errors.js';

/** Strides of the three YuNet heads. */
export const YUNET_STRIDES: readonly number[] = [8, 16, 32];

/** Output tensor names of a YuNet model, per stride. */
export const YUNET_OUTPUTS: readonly string[] = YUNET_STRIDES.flatMap((s) => [`cls_${s}`, `obj_${s}`, `bbox_${s}`, `kps_${s}`]);

/** Raw YuNet head outputs of one stride (flat data of the `[1, N, k]` tensors). */
export interface YunetLevel {
  readonly stride: number;
  readonly cls: Float32Array;
  readonly obj: Float32Array;
  readonly bbox: Float32Array;
  readonly kps: Float32Array;
}

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

/**
 * Collect YuNet candidates with `sqrt(cls · obj) > scoreThreshold` (both clamped to [0, 1]) from
 * the three stride heads of a `width` x `height` input, decoding boxes (`cx = (col + b0)·s`,
 * `w = exp(b2)·s`) and 5 keypoints into input pixels. `out` (with keypoints) is reset first.
 *
 * ## Example
 * ```ts
 * const c = createCandidates(64, true);
 * collectYunetCandidates(levels, 640, 640, 0.6, c);
 * ```
 * @throws {ShapeMismatchError} when a head's length disagrees with the input size.
 * @throws {DetectorOutputError} when a score is NaN or a kept candidate's box is not finite.
 */
export function collectYunetCandidates(levels: readonly YunetLevel[], width: number, height: number, scoreThreshold: number, out: Candidates, model = 'yunet'): Candidates {
  out.count = 0;
  let count = 0;
  for (const { stride: s, cls, obj, bbox, kps } of levels) {
    const cols = Math.floor(width / s);
    const n = cols * Math.floor(height / s);
    if (cls.length !== n || obj.length !== n || bbox.length !== n * 4 || kps.length !== n * 10) {
      throw new ShapeMismatchError(`YuNet stride-${s} outputs for a ${width}x${height} input`, `${n} anchors`, `cls ${cls.length}, obj ${obj.length}, bbox ${bbox.length / 4}, kps ${kps.length / 10}`);
    }
    const t2 = scoreThreshold * scoreThreshold;
    for (let i = 0; i < n; i++) {
      const prod = clamp01(cls[i]!) * clamp01(obj[i]!);
      if (prod > t2) {
        if (count >= out.scores.length) {
          out.count = count;
          reserveCandidates(out, count + 1);
        }
        const row = Math.floor(i / cols), col = i - row * cols;
        const bi = i * 4, o = count * 4;
        const cx = (col + bbox[bi]!) * s, cy = (row + bbox[bi + 1]!) * s;
        const w = Math.exp(bbox[bi + 2]!) * s, h = Math.exp(bbox[bi + 3]!) * s;
        const b = out.boxes;
        b[o] = cx - w / 2; b[o + 1] = cy - h / 2; b[o + 2] = cx + w / 2; b[o + 3] = cy + h / 2;
        if (!Number.isFinite(cx + cy + w + h)) throw new DetectorOutputError(model, `bbox_${s}`, bi, [0, 1, 2, 3].map((k) => bbox[bi + k]!).find((v) => !Number.isFinite(v)) ?? NaN);
        out.scores[count] = Math.sqrt(prod);
        const k = out.keypoints, ki = i * 10, ko = count * 10;
        for (let p = 0; p < 10; p += 2) {
          k[ko + p] = (col + kps[ki + p]!) * s;
          k[ko + p + 1] = (row + kps[ki + p + 1]!) * s;
        }
        count++;
      } else if (prod !== prod) {
        throw new DetectorOutputError(model, Number.isNaN(cls[i]) ? `cls_${s}` : `obj_${s}`, i, Number.isNaN(cls[i]) ? cls[i]! : obj[i]!);
      }
    }
  }
  out.count = count;
  return out;
}
