import { assertBufferLength, assertInteger, assertOneOf } from '../shared/assert.js';
import { assertImage } from './crop-image.js';
import type { ImageData8 } from '../tensor/image.js';
import { resizeBilinear } from './resize-bilinear.js';

/** Interpolation kernels of {@link resizeImage}. */
export type ResizeKernel = 'bilinear' | 'bicubic' | 'nearest';

/** Options of {@link resizeImage}. */
export interface ResizeOptions {
  /** Interpolation (default `'bilinear'`). */
  readonly kernel?: ResizeKernel;
  /** Preallocated output of `width * height * channels` bytes. */
  readonly out?: Uint8Array;
}

const KERNELS: readonly ResizeKernel[] = ['bilinear', 'bicubic', 'nearest'];
/** Keys cubic convolution parameter used by OpenCV's `INTER_CUBIC`. */
const A = -0.75;

/**
 * Resize an 8-bit interleaved image (1, 3 or 4 channels) with half-pixel centres
 * (`srcX = (x + 0.5) * sw / w - 0.5`), the convention of OpenCV's `cv2.resize`:
 *
 * - `'bilinear'`: {@link resizeBilinear} (OpenCV `INTER_LINEAR`).
 * - `'bicubic'`: Keys cubic convolution with `a = -0.75` (OpenCV `INTER_CUBIC`), edge pixels
 *   replicated, rounded and clamped to [0, 255]. Separable: one horizontal pass into a float row
 *   buffer, one vertical pass. Matches OpenCV to within 1 level (OpenCV uses 11-bit fixed point).
 * - `'nearest'`: the source pixel whose centre is nearest, `floor((x + 0.5) * sw / w)` (like PIL
 *   and `INTER_NEAREST_EXACT`; OpenCV's `INTER_NEAREST` uses `floor(x * sw / w)`).
 *
 * None of them antialias: when shrinking by more than about 2x and quality matters, use
 * {@link resizeWithSharp}, which is also faster for outputs of about 640x360 and up (the JS cost
 * follows the output size; see the crossover table there).
 *
 * Note: the `'bilinear'` path is {@link resizeBilinear} itself, so results are bit-identical.
 *
 * ## Example
 * ```ts
 * // PFLD: bicubic resize of the face crop to 112x112
 * const input = resizeImage(crop, 112, 112, { kernel: 'bicubic' });
 * input.data.length; // 112 * 112 * 3
 * ```
 * @param src Source image.
 * @param width Output width, integer >= 1.
 * @param height Output height, integer >= 1.
 * @param options Kernel and preallocated `out`.
 * @throws {RangeError} for non-positive sizes, an unknown kernel or a wrong-sized `out`.
 * @throws {ShapeMismatchError} when `src.data` does not hold `width * height * channels` bytes.
 */
export function resizeImage(src: ImageData8, width: number, height: number, options: ResizeOptions = {}): ImageData8 {
  assertImage(src, 'src');
  assertInteger(width, 'width', 1);
  assertInteger(height, 'height', 1);
  const kernel = options.kernel ?? 'bilinear';
  assertOneOf(kernel, 'kernel', KERNELS);
  const c = src.channels;
  if (options.out) assertBufferLength(options.out, 'out', width * height * c);
  if (kernel === 'bilinear') return resizeBilinear(src, width, height, options.out);
  const dst = options.out ?? new Uint8Array(width * height * c);
  if (kernel === 'nearest') nearest(src, width, height, dst);
  else bicubic(src, width, height, dst);
  return { width, height, channels: c, data: dst };
}

function nearest(src: ImageData8, width: number, height: number, dst: Uint8Array): void {
  const { width: sw, height: sh, channels: c, data } = src;
  const xs = new Int32Array(width);
  for (let x = 0; x < width; x++) xs[x] = Math.min(sw - 1, Math.floor(((x + 0.5) * sw) / width)) * c;
  for (let y = 0, o = 0; y < height; y++) {
    const row = Math.min(sh - 1, Math.floor(((y + 0.5) * sh) / height)) * sw * c;
    for (let x = 0; x < width; x++) {
      const s = row + xs[x]!;
      for (let k = 0; k < c; k++) dst[o++] = data[s + k]!;
    }
  }
}

/** Fill `idx` (4 clamped source indices per output sample) and `wts` (4 Keys weights). */
function cubicTaps(n: number, sn: number, idx: Int32Array, wts: Float32Array, mul: number): void {
  const scale = sn / n;
  for (let i = 0; i < n; i++) {
    const f = (i + 0.5) * scale - 0.5;
    const i0 = Math.floor(f);
    const t = f - i0;
    // Keys weights for offsets -1, 0, 1, 2 from i0
    const t1 = t + 1, t2 = 1 - t, t3 = 2 - t;
    wts[4 * i] = ((A * t1 - 5 * A) * t1 + 8 * A) * t1 - 4 * A;
    wts[4 * i + 1] = ((A + 2) * t - (A + 3)) * t * t + 1;
    wts[4 * i + 2] = ((A + 2) * t2 - (A + 3)) * t2 * t2 + 1;
    wts[4 * i + 3] = ((A * t3 - 5 * A) * t3 + 8 * A) * t3 - 4 * A;
    for (let k = 0; k < 4; k++) {
      let s = i0 - 1 + k;
      if (s < 0) s = 0;
      else if (s > sn - 1) s = sn - 1;
      idx[4 * i + k] = s * mul;
    }
  }
}

function bicubic(src: ImageData8, width: number, height: number, dst: Uint8Array): void {
  const { width: sw, height: sh, channels: c, data } = src;
  const xi = new Int32Array(4 * width);
  const xw = new Float32Array(4 * width);
  cubicTaps(width, sw, xi, xw, c);
  const yi = new Int32Array(4 * height);
  const yw = new Float32Array(4 * height);
  cubicTaps(height, sh, yi, yw, 1);
  // Horizontal pass over only the source rows some output row needs, each into its own slot of
  // `tmp` (a big reduction touches ~4 rows per output row, not the whole source).
  const stride = width * c;
  const slot = new Int32Array(sh).fill(-1);
  let slots = 0;
  for (let j = 0; j < 4 * height; j++) {
    const sy = yi[j]!;
    if (slot[sy] === -1) slot[sy] = slots++;
    yi[j] = slot[sy]! * stride;
  }
  const tmp = new Float32Array(slots * stride);
  for (let sy = 0; sy < sh; sy++) {
    if (slot[sy] === -1) continue;
    const row = sy * sw * c;
    let o = slot[sy]! * stride;
    for (let x = 0; x < width; x++) {
      const q = 4 * x;
      const a0 = row + xi[q]!, a1 = row + xi[q + 1]!, a2 = row + xi[q + 2]!, a3 = row + xi[q + 3]!;
      const w0 = xw[q]!, w1 = xw[q + 1]!, w2 = xw[q + 2]!, w3 = xw[q + 3]!;
      for (let k = 0; k < c; k++, o++) {
        tmp[o] = data[a0 + k]! * w0 + data[a1 + k]! * w1 + data[a2 + k]! * w2 + data[a3 + k]! * w3;
      }
    }
  }
  // Vertical pass, rounding and clamping into uint8 (Uint8Array stores truncate, so add 0.5 first).
  for (let y = 0, o = 0; y < height; y++) {
    const q = 4 * y;
    const r0 = yi[q]!, r1 = yi[q + 1]!, r2 = yi[q + 2]!, r3 = yi[q + 3]!;
    const w0 = yw[q]!, w1 = yw[q + 1]!, w2 = yw[q + 2]!, w3 = yw[q + 3]!;
    for (let i = 0; i < stride; i++, o++) {
      const v = tmp[r0 + i]! * w0 + tmp[r1 + i]! * w1 + tmp[r2 + i]! * w2 + tmp[r3 + i]! * w3 + 0.5;
      dst[o] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
}
