import { assertBufferLength, assertInteger, assertOneOf } from './assert.js';
import { assertImage, borderIndex, fillPixel } from './crop-image.js';
import type { FillMode, ImageData8 } from './image.js';
import { invertAffine } from './invert-affine.js';

/** Options of {@link warpAffine}. */
export interface WarpOptions {
  /** Fill for destination pixels that sample outside the source (default `'constant'`). */
  readonly fill?: FillMode;
  /** Constant fill value, one number or one per channel (default 0). */
  readonly value?: number | readonly number[];
  /** Sampling kernel (default `'bilinear'`). */
  readonly interpolation?: 'bilinear' | 'bicubic';
  /** Preallocated output of `width * height * channels` bytes. */
  readonly out?: Uint8Array;
}

const FILLS: readonly FillMode[] = ['constant', 'edge', 'reflect'];
const A = -0.75;

/**
 * Warp an 8-bit image (1, 3 or 4 channels) by a 2x3 affine matrix that maps SOURCE pixel
 * coordinates to DESTINATION coordinates, like OpenCV's `cv2.warpAffine(src, M, (width, height))`
 * (pixel centres at integer coordinates). Each destination pixel samples the source at
 * `invertAffine(matrix) * (x, y)`; samples outside the source use `fill` per tap (constant value,
 * replicated edge or reflection), so borders blend smoothly like OpenCV's `borderMode`.
 * Bicubic uses Keys `a = -0.75` as OpenCV's `INTER_CUBIC`.
 *
 * Typical use: face alignment with a matrix from {@link estimateSimilarity}.
 *
 * ## Example
 * ```ts
 * // rotate a W x H image 90 degrees clockwise into an H x W image
 * const rotated = warpAffine(img, [0, -1, img.height - 1, 1, 0, 0], img.height, img.width);
 * ```
 * @param src Source image.
 * @param matrix Six numbers `[a, b, c, d, e, f]`: `x' = a x + b y + c`, `y' = d x + e y + f` (source -> destination).
 * @param width Destination width, integer >= 1.
 * @param height Destination height, integer >= 1.
 * @param options Fill, value, interpolation, preallocated `out`.
 * @throws {RangeError} for a singular matrix, bad sizes, unknown options or a wrong-sized `out`.
 * @throws {TypeError} for a malformed image or matrix.
 */
export function warpAffine(src: ImageData8, matrix: ArrayLike<number>, width: number, height: number, options: WarpOptions = {}): ImageData8 {
  assertImage(src, 'src');
  const inv = invertAffine(matrix);
  assertInteger(width, 'width', 1);
  assertInteger(height, 'height', 1);
  const mode = options.fill ?? 'constant';
  assertOneOf(mode, 'fill', FILLS);
  const interpolation = options.interpolation ?? 'bilinear';
  assertOneOf(interpolation, 'interpolation', ['bilinear', 'bicubic'] as const);
  const c = src.channels;
  const dst = options.out ?? new Uint8Array(width * height * c);
  assertBufferLength(dst, 'out', width * height * c);
  const px = fillPixel(options.value, c);
  if (interpolation === 'bilinear') warpBilinear(src, inv, width, height, mode, px, dst);
  else warpBicubic(src, inv, width, height, mode, px, dst);
  return { width, height, channels: c, data: dst };
}

function warpBilinear(src: ImageData8, m: number[], width: number, height: number, mode: FillMode, px: Uint8Array, dst: Uint8Array): void {
  const { width: sw, height: sh, channels: c, data } = src;
  const [a, b, cx, d, e, cy] = m as [number, number, number, number, number, number];
  const rowStride = sw * c;
  for (let y = 0, o = 0; y < height; y++) {
    const rx = b * y + cx;
    const ry = e * y + cy;
    for (let x = 0; x < width; x++, o += c) {
      const fx = a * x + rx, fy = d * x + ry;
      const x0 = Math.floor(fx), y0 = Math.floor(fy);
      const tx = fx - x0, ty = fy - y0;
      if (x0 >= 0 && y0 >= 0 && x0 + 1 < sw && y0 + 1 < sh) {
        const p = y0 * rowStride + x0 * c;
        const q = p + rowStride;
        for (let k = 0; k < c; k++) {
          const top = data[p + k]! + (data[p + c + k]! - data[p + k]!) * tx;
          const bot = data[q + k]! + (data[q + c + k]! - data[q + k]!) * tx;
          dst[o + k] = top + (bot - top) * ty + 0.5;
        }
        continue;
      }
      // Border: look every tap up through the fill mode.
      const ix0 = borderIndex(x0, sw, mode), ix1 = borderIndex(x0 + 1, sw, mode);
      const iy0 = borderIndex(y0, sh, mode), iy1 = borderIndex(y0 + 1, sh, mode);
      for (let k = 0; k < c; k++) {
        const v00 = iy0 < 0 || ix0 < 0 ? px[k]! : data[iy0 * rowStride + ix0 * c + k]!;
        const v01 = iy0 < 0 || ix1 < 0 ? px[k]! : data[iy0 * rowStride + ix1 * c + k]!;
        const v10 = iy1 < 0 || ix0 < 0 ? px[k]! : data[iy1 * rowStride + ix0 * c + k]!;
        const v11 = iy1 < 0 || ix1 < 0 ? px[k]! : data[iy1 * rowStride + ix1 * c + k]!;
        const top = v00 + (v01 - v00) * tx;
        const bot = v10 + (v11 - v10) * tx;
        dst[o + k] = top + (bot - top) * ty + 0.5;
      }
    }
  }
}

function keys(t: number, w: Float64Array): void {
  const t1 = t + 1, t2 = 1 - t, t3 = 2 - t;
  w[0] = ((A * t1 - 5 * A) * t1 + 8 * A) * t1 - 4 * A;
  w[1] = ((A + 2) * t - (A + 3)) * t * t + 1;
  w[2] = ((A + 2) * t2 - (A + 3)) * t2 * t2 + 1;
  w[3] = ((A * t3 - 5 * A) * t3 + 8 * A) * t3 - 4 * A;
}

function warpBicubic(src: ImageData8, m: number[], width: number, height: number, mode: FillMode, px: Uint8Array, dst: Uint8Array): void {
  const { width: sw, height: sh, channels: c, data } = src;
  const [a, b, cx, d, e, cy] = m as [number, number, number, number, number, number];
  const rowStride = sw * c;
  const wx = new Float64Array(4), wy = new Float64Array(4);
  const ix = new Int32Array(4), iy = new Int32Array(4);
  for (let y = 0, o = 0; y < height; y++) {
    const rx = b * y + cx;
    const ry = e * y + cy;
    for (let x = 0; x < width; x++, o += c) {
      const fx = a * x + rx, fy = d * x + ry;
      const x0 = Math.floor(fx), y0 = Math.floor(fy);
      keys(fx - x0, wx);
      keys(fy - y0, wy);
      const inside = x0 >= 1 && y0 >= 1 && x0 + 2 < sw && y0 + 2 < sh;
      for (let j = 0; j < 4; j++) {
        const sx = inside ? x0 - 1 + j : borderIndex(x0 - 1 + j, sw, mode);
        const sy = inside ? y0 - 1 + j : borderIndex(y0 - 1 + j, sh, mode);
        ix[j] = sx < 0 ? -1 : sx * c;
        iy[j] = sy < 0 ? -1 : sy * rowStride;
      }
      for (let k = 0; k < c; k++) {
        let acc = 0;
        for (let j = 0; j < 4; j++) {
          const r = iy[j]!;
          let row = 0;
          for (let i = 0; i < 4; i++) {
            const col = ix[i]!;
            row += (r < 0 || col < 0 ? px[k]! : data[r + col + k]!) * wx[i]!;
          }
          acc += row * wy[j]!;
        }
        acc += 0.5;
        dst[o + k] = acc < 0 ? 0 : acc > 255 ? 255 : acc;
      }
    }
  }
}
