import sharp from 'sharp';
import { assertInteger, assertObject, assertOneOf } from './assert.js';
import { assertImage } from './crop-image.js';
import type { ImageData8 } from './image.js';

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
 * When to use it: each call costs a fixed ~0.1-0.3 ms of native round trip plus a copy of the
 * input, so the JS {@link resizeImage} wins for small images; sharp wins once the SOURCE is large.
 * Measured on the 2-core dev box (packages/core/bench/kernels.bench.mjs, bilinear 3-channel, to
 * 320x240): 640x360 JS ~0.5 ms vs sharp ~1.1 ms; 1920x1080 JS ~0.6 ms vs sharp ~3 ms of
 * wall time (JS bilinear only touches 2 source rows per output row, so its cost follows the output
 * size, not the input). Prefer sharp for quality (antialiasing, lanczos) rather than speed, or when
 * the event loop must stay free: the work runs on libvips threads while `await`ing.
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
  let pipeline = sharp(src.data, { raw: { width: src.width, height: src.height, channels: src.channels } }).resize(width, height, { fit: 'fill', kernel });
  // libvips hands single-band raw input back as sRGB: keep one band.
  if (src.channels === 1) pipeline = pipeline.extractChannel(0);
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== src.channels || info.width !== width || info.height !== height) {
    throw new Error(`sharp returned ${info.width}x${info.height}x${info.channels}, expected ${width}x${height}x${src.channels}`);
  }
  return { width, height, channels: src.channels, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
