import { assertBufferLength } from '../shared/assert.js';
import { ShapeMismatchError } from '../shared/errors.js';
import type { ImageData8 } from '../tensor/image.js';
import type { Tensor } from '../tensor/tensor.js';

/** Per-channel normalisation: `out = (pixel - mean[c]) / std[c]`, channels given in RGB order. */
export interface NormalizeOptions {
  /** Mean per channel, RGB order (default 0). */
  readonly mean?: readonly [number, number, number] | number;
  /** Standard deviation per channel, RGB order (default 1). */
  readonly std?: readonly [number, number, number] | number;
  /** Channel order the network expects (default `'RGB'`). */
  readonly channelOrder?: 'RGB' | 'BGR';
  /** Preallocated output of `3 * width * height` floats (reused across frames). */
  readonly out?: Float32Array;
}

/**
 * Convert an 8-bit HWC RGB (or RGBA) image to a float32 NCHW tensor `[1, 3, H, W]` in ONE pass,
 * with mean/std folded into a per-channel scale and bias and the channel order applied.
 *
 * ## Example
 * ```ts
 * // UltraFace: RGB, (x - 127) / 128
 * const input = imageToTensor(resized, { mean: 127, std: 128 });
 * input.dims; // [1, 3, 240, 320]
 * ```
 * @throws {ShapeMismatchError} when the image has 1 channel or its buffer is the wrong size.
 */
export function imageToTensor(image: ImageData8, options: NormalizeOptions = {}): Tensor<'float32'> {
  const { width, height, channels, data } = image;
  if (channels !== 3 && channels !== 4) throw new ShapeMismatchError('image channels for imageToTensor', '3 (RGB) or 4 (RGBA)', String(channels));
  const hw = width * height;
  if (data.length !== hw * channels) throw new ShapeMismatchError(`image buffer of ${width}x${height}x${channels}`, `${hw * channels} bytes`, `${data.length} bytes`);
  const mean = typeof options.mean === 'number' || options.mean === undefined ? [options.mean ?? 0, options.mean ?? 0, options.mean ?? 0] : options.mean;
  const std = typeof options.std === 'number' || options.std === undefined ? [options.std ?? 1, options.std ?? 1, options.std ?? 1] : options.std;
  const out = options.out ?? new Float32Array(3 * hw);
  assertBufferLength(out, 'out', 3 * hw);
  const bgr = options.channelOrder === 'BGR';
  // plane p of the output receives source channel src[p]
  const c0 = bgr ? 2 : 0;
  const c2 = bgr ? 0 : 2;
  const s0 = 1 / std[c0]!, b0 = -mean[c0]! * s0;
  const s1 = 1 / std[1]!, b1 = -mean[1]! * s1;
  const s2 = 1 / std[c2]!, b2 = -mean[c2]! * s2;
  const p1 = hw, p2 = 2 * hw;
  if (channels === 3) {
    for (let p = 0, i = 0; p < hw; p++, i += 3) {
      out[p] = data[i + c0]! * s0 + b0;
      out[p1 + p] = data[i + 1]! * s1 + b1;
      out[p2 + p] = data[i + c2]! * s2 + b2;
    }
  } else {
    for (let p = 0, i = 0; p < hw; p++, i += 4) {
      out[p] = data[i + c0]! * s0 + b0;
      out[p1 + p] = data[i + 1]! * s1 + b1;
      out[p2 + p] = data[i + c2]! * s2 + b2;
    }
  }
  return { type: 'float32', dims: [1, 3, height, width], data: out };
}
