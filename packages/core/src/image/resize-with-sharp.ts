import { loadSharp } from '../shared/lazy-import.js';
import { assertInteger, assertObject, assertOneOf } from '../shared/assert.js';
import { assertImage } from './crop-image.js';
import type { ImageData8 } from '../tensor/image.js';

/** Kernels of {@link resizeWithSharp}: sharp's own names, plus `'bilinear'`/`'bicubic'` as aliases of `'linear'`/`'cubic'`. */
export type SharpResizeKernel = 'nearest' | 'linear' | 'bilinear' | 'cubic' | 'bicubic' | 'mitchell' | 'lanczos2' | 'lanczos3';

/** Options of {@link resizeWithSharp}. */
export interface SharpResizeOptions {
  /** Resampling kernel (default `'linear'`). */
  readonly kernel?: SharpResizeKernel;
}

const KERNELS: readonly SharpResizeKernel[] = ['nearest', 'linear', 'bilinear', 'cubic', 'bicubic', 'mitchell', 'lanczos2', 'lanczos3'];

/**
 * Resize an 8-bit image (1, 3 or 4 channels) with sharp/libvips (native, SIMD, off the JS thread).
 * Unlike {@link resizeImage}, libvips widens the kernel when shrinking (antialiased), so big
 * reductions do not alias; the output is therefore not bit-identical to the JS kernels.
 *
 * When to use it (crossover): the JS {@link resizeImage} costs in proportion to the OUTPUT size
 * (bilinear reads 2 source rows per output row), sharp in proportion to INPUT + OUTPUT size plus a
 * fixed per-call cost (copying the raw buffer into libvips and back), but it runs SIMD code on
 * libvips threads. So the JS kernel wins for small outputs (detector inputs such as 320x240, face
 * crops), whatever the source size, and sharp wins once the output is about 640x360 or larger.
 * Wall-clock medians from `packages/core/bench/kernels.bench.mjs` and an interleaved JS/sharp
 * sweep, 3-channel bilinear/linear, measured on the shared 2-core dev box under heavy load (load
 * average ~11, so absolute numbers are inflated; rerun the bench on a quiet machine):
 *
 * | source -> output        | JS `resizeImage` | `resizeWithSharp` |
 * |-------------------------|-----------------:|------------------:|
 * | 640x360 -> 320x240      | 3.8-14 ms        | 2.1-13.5 ms (tie) |
 * | 1280x720 -> 320x240     | 2.8-10 ms        | 5.0-19 ms         |
 * | 1920x1080 -> 320x240    | 3.2-3.9 ms       | 7.4-35 ms         |
 * | 3840x2160 -> 320x240    | 2.0 ms           | 18.6-25.6 ms      |
 * | 1920x1080 -> 960x540    | 81-105 ms        | 25-26 ms          |
 * | 640x360 -> 1920x1080    | 71-205 ms        | 57-60 ms          |
 *
 * Prefer sharp also for quality (antialiased shrinking, lanczos) and to keep the event loop free:
 * the work runs on libvips threads while `await`ing.
 *
 * ## Example
 * ```ts
 * const small = await resizeWithSharp(frame, 320, 240, { kernel: 'linear' });
 * small.channels; // 3
 * ```
 * @param src Source image.
 * @param width Output width, integer >= 1.
 * @param height Output height, integer >= 1.
 * @param options Resampling kernel.
 * @returns A new image with the same channel count.
 * @throws {RangeError} for non-positive sizes or an unknown kernel.
 */
export async function resizeWithSharp(src: ImageData8, width: number, height: number, options: SharpResizeOptions = {}): Promise<ImageData8> {
  assertImage(src, 'src');
  assertInteger(width, 'width', 1);
  assertInteger(height, 'height', 1);
  assertObject(options, 'options');
  const name = options.kernel ?? 'linear';
  assertOneOf(name, 'kernel', KERNELS);
  const kernel = name === 'bilinear' ? 'linear' : name === 'bicubic' ? 'cubic' : name;
  const sharp = await loadSharp();
  let pipeline = sharp(src.data, { raw: { width: src.width, height: src.height, channels: src.channels } }).resize(width, height, { fit: 'fill', kernel });
  // libvips hands single-band raw input back as sRGB: keep one band.
  if (src.channels === 1) pipeline = pipeline.extractChannel(0);
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== src.channels || info.width !== width || info.height !== height) {
    throw new Error(`sharp returned ${info.width}x${info.height}x${info.channels}, expected ${width}x${height}x${src.channels}`);
  }
  return { width, height, channels: src.channels, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
