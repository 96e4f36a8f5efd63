import { assertBufferLength, assertInRange, assertInteger, ShapeMismatchError } from '@facepipe/core';
import type { ProbabilityMap } from './probability-map.js';

/** Options of {@link upsampleProbability}. */
export interface UpsampleProbabilityOptions {
  /** Hard threshold in (0, 1]: alpha is 255 where the interpolated probability is >= it, else 0. Default: soft alpha. */
  readonly threshold?: number;
  /** Preallocated `width * height` output. */
  readonly out?: Uint8Array;
}

/**
 * Bilinearly resample the content region of a model-resolution probability map straight to frame
 * size and convert it to 8-bit alpha (`round(255 * p)`, or 0/255 with `threshold`). Padding added
 * by letterbox/pad-to-multiple is cropped away by the coordinate mapping: nothing outside the
 * content region is sampled (beyond the half pixel bilinear needs at its edge).
 *
 * Half-pixel centres: frame pixel x samples map coordinate `(x + 0.5) * contentWidth / width - 0.5`.
 *
 * ## Example
 * ```ts
 * const alpha = upsampleProbability(prob, frame.width, frame.height, { threshold: 0.5 });
 * ```
 * @throws {RangeError} for non-positive sizes, a threshold outside (0, 1] or a wrong-sized `out`.
 * @throws {ShapeMismatchError} when `prob.data` does not hold `width * height` floats.
 */
export function upsampleProbability(prob: ProbabilityMap, width: number, height: number, options: UpsampleProbabilityOptions = {}): Uint8Array {
  assertInteger(width, 'width', 1);
  assertInteger(height, 'height', 1);
  const { width: mw, height: mh, data } = prob;
  if (data.length !== mw * mh) throw new ShapeMismatchError('probability map buffer', `${mw * mh} floats (${mw}x${mh})`, `${data.length}`);
  const threshold = options.threshold;
  if (threshold !== undefined) assertInRange(threshold, 'threshold', Number.MIN_VALUE, 1);
  const out = options.out ?? new Uint8Array(width * height);
  assertBufferLength(out, 'out', width * height);
  const cw = Math.min(prob.contentWidth, mw);
  const ch = Math.min(prob.contentHeight, mh);
  const maxX = Math.max(0, Math.min(Math.ceil(cw), mw) - 1);
  const maxY = Math.max(0, Math.min(Math.ceil(ch), mh) - 1);
  const sx = cw / width;
  const sy = ch / height;
  const x0s = new Int32Array(width);
  const x1s = new Int32Array(width);
  const fxs = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    let fx = (x + 0.5) * sx - 0.5;
    if (fx < 0) fx = 0;
    else if (fx > maxX) fx = maxX;
    const x0 = Math.floor(fx);
    x0s[x] = x0;
    x1s[x] = x0 < maxX ? x0 + 1 : maxX;
    fxs[x] = fx - x0;
  }
  const hard = threshold !== undefined;
  const t = threshold ?? 0;
  for (let y = 0; y < height; y++) {
    let fy = (y + 0.5) * sy - 0.5;
    if (fy < 0) fy = 0;
    else if (fy > maxY) fy = maxY;
    const y0 = Math.floor(fy);
    const wy = fy - y0;
    const r0 = y0 * mw;
    const r1 = (y0 < maxY ? y0 + 1 : maxY) * mw;
    let o = y * width;
    for (let x = 0; x < width; x++, o++) {
      const a = x0s[x]!, b = x1s[x]!, wx = fxs[x]!;
      const top = data[r0 + a]! + (data[r0 + b]! - data[r0 + a]!) * wx;
      const bot = data[r1 + a]! + (data[r1 + b]! - data[r1 + a]!) * wx;
      const p = top + (bot - top) * wy;
      if (hard) out[o] = p >= t ? 255 : 0;
      else out[o] = p <= 0 ? 0 : p >= 1 ? 255 : p * 255 + 0.5;
    }
  }
  return out;
}
