import { assertInteger } from '@facepipe/core';

/** Strides of the four UltraFace detection levels. */
export const ULTRAFACE_STRIDES: readonly number[] = [8, 16, 32, 64];
/** Anchor sizes (pixels at the network input) per level. */
export const ULTRAFACE_MIN_BOXES: readonly (readonly number[])[] = [[10, 16, 24], [32, 48], [64, 96], [128, 192, 256]];

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

/**
 * Number of UltraFace priors for an input of `width` x `height` pixels
 * (4420 at 320x240, 17640 at 640x480).
 *
 * ## Example
 * ```ts
 * ultrafacePriorCount(320, 240); // 4420
 * ```
 * @throws {RangeError} when a size is not a positive integer.
 */
export function ultrafacePriorCount(width: number, height: number): number {
  assertInteger(width, 'width', 1);
  assertInteger(height, 'height', 1);
  let n = 0;
  for (let k = 0; k < ULTRAFACE_STRIDES.length; k++) {
    const s = ULTRAFACE_STRIDES[k]!;
    n += Math.ceil(width / s) * Math.ceil(height / s) * ULTRAFACE_MIN_BOXES[k]!.length;
  }
  return n;
}

/**
 * Generate the UltraFace SSD priors for any input size, as interleaved `[cx, cy, w, h]` normalised
 * to the input (every component clamped to [0, 1]), in the order the network emits its outputs:
 * level by level, row by row, column by column, anchor by anchor.
 *
 * The centre uses the feature-map size (`ceil(size / stride)`), not `size / stride`: at 320x240
 * the stride-32 and stride-64 maps have 8 and 4 rows, and the centres must be spread over those.
 *
 * ## Example
 * ```ts
 * const priors = generateUltrafacePriors(320, 240);
 * priors.length / 4; // 4420
 * Array.from(priors.subarray(0, 4)); // [0.0125, 0.01666…, 0.03125, 0.04166…]
 * ```
 * @throws {RangeError} when a size is not a positive integer.
 */
export function generateUltrafacePriors(width: number, height: number): Float32Array {
  const count = ultrafacePriorCount(width, height);
  const out = new Float32Array(count * 4);
  let o = 0;
  for (let k = 0; k < ULTRAFACE_STRIDES.length; k++) {
    const s = ULTRAFACE_STRIDES[k]!;
    const boxes = ULTRAFACE_MIN_BOXES[k]!;
    const fw = Math.ceil(width / s);
    const fh = Math.ceil(height / s);
    for (let j = 0; j < fh; j++) {
      const cy = clamp01((j + 0.5) / fh);
      for (let i = 0; i < fw; i++) {
        const cx = clamp01((i + 0.5) / fw);
        for (let m = 0; m < boxes.length; m++) {
          out[o++] = cx;
          out[o++] = cy;
          out[o++] = clamp01(boxes[m]! / width);
          out[o++] = clamp01(boxes[m]! / height);
        }
      }
    }
  }
  return out;
}
