import { assertBufferLength, assertInteger } from '../shared/assert.js';
import { ShapeMismatchError } from '../shared/errors.js';
import type { ImageData8 } from '../tensor/image.js';

/**
 * Bilinear resize of an 8-bit interleaved image, half-pixel centres (the convention of OpenCV's
 * `INTER_LINEAR` and sharp/libvips without antialiasing); results are rounded to nearest.
 * Downscaling by more than 2x aliases: for big reductions prefer ffmpeg's scaler or sharp.
 *
 * ## Example
 * ```ts
 * const small = resizeBilinear(frame, 320, 240);
 * small.data.length; // 320 * 240 * 3
 * ```
 * @throws {RangeError} for non-positive sizes or a wrong-sized `out`.
 */
export function resizeBilinear(src: ImageData8, width: number, height: number, out?: Uint8Array): ImageData8 {
  assertInteger(width, 'width', 1);
  assertInteger(height, 'height', 1);
  const { width: sw, height: sh, channels: c, data } = src;
  if (data.length !== sw * sh * c) throw new ShapeMismatchError(`image buffer of ${sw}x${sh}x${c}`, `${sw * sh * c} bytes`, `${data.length} bytes`);
  const dst = out ?? new Uint8Array(width * height * c);
  assertBufferLength(dst, 'out', width * height * c);
  const sx = sw / width;
  const sy = sh / height;
  // Precompute horizontal taps once per column.
  const x0s = new Int32Array(width);
  const x1s = new Int32Array(width);
  const fxs = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    let fx = (x + 0.5) * sx - 0.5;
    if (fx < 0) fx = 0;
    let x0 = Math.floor(fx);
    if (x0 > sw - 1) x0 = sw - 1;
    x0s[x] = x0 * c;
    x1s[x] = Math.min(x0 + 1, sw - 1) * c;
    fxs[x] = fx - x0;
  }
  for (let y = 0; y < height; y++) {
    let fy = (y + 0.5) * sy - 0.5;
    if (fy < 0) fy = 0;
    let y0 = Math.floor(fy);
    if (y0 > sh - 1) y0 = sh - 1;
    const y1 = Math.min(y0 + 1, sh - 1);
    const wy = fy - y0;
    const r0 = y0 * sw * c;
    const r1 = y1 * sw * c;
    let o = y * width * c;
    for (let x = 0; x < width; x++) {
      const a = x0s[x]!, b = x1s[x]!, wx = fxs[x]!;
      for (let k = 0; k < c; k++, o++) {
        const top = data[r0 + a + k]! + (data[r0 + b + k]! - data[r0 + a + k]!) * wx;
        const bot = data[r1 + a + k]! + (data[r1 + b + k]! - data[r1 + a + k]!) * wx;
        dst[o] = top + (bot - top) * wy + 0.5;
      }
    }
  }
  return { width, height, channels: c, data: dst };
}
