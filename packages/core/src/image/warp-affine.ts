import { assertBufferLength, assertInteger, assertOneOf } from '../shared/assert.js';
import { assertImage, borderIndex, fillPixel } from './crop-image.js';
import type { FillMode, ImageData8 } from '../tensor/image.js';
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

function warpBicubic(src: ImageData8, m: number[], width: number, height: number, mode: FillMode, px: Uint8Array, dst: Uint8Array): void {
  const { width: sw, height: sh, channels: c, data } = src;
  const [a, b, cx, d, e, cy] = m as [number, number, number, number, number, number];
  const rs = sw * c;
  const ix = new Int32Array(4), iy = new Int32Array(4);
  for (let y = 0, o = 0; y < height; y++) {
    const rx = b * y + cx;
    const ry = e * y + cy;
    for (let x = 0; x < width; x++, o += c) {
      const fx = a * x + rx, fy = d * x + ry;
      const x0 = Math.floor(fx), y0 = Math.floor(fy);
      // Keys weights for taps at offsets -1, 0, 1, 2 (inlined: this loop is hot)
      const t = fx - x0, t1 = t + 1, t2 = 1 - t, t3 = 2 - t;
      const wx0 = ((A * t1 - 5 * A) * t1 + 8 * A) * t1 - 4 * A;
      const wx1 = ((A + 2) * t - (A + 3)) * t * t + 1;
      const wx2 = ((A + 2) * t2 - (A + 3)) * t2 * t2 + 1;
      const wx3 = ((A * t3 - 5 * A) * t3 + 8 * A) * t3 - 4 * A;
      const u = fy - y0, u1 = u + 1, u2 = 1 - u, u3 = 2 - u;
      const wy0 = ((A * u1 - 5 * A) * u1 + 8 * A) * u1 - 4 * A;
      const wy1 = ((A + 2) * u - (A + 3)) * u * u + 1;
      const wy2 = ((A + 2) * u2 - (A + 3)) * u2 * u2 + 1;
      const wy3 = ((A * u3 - 5 * A) * u3 + 8 * A) * u3 - 4 * A;
      if (x0 >= 1 && y0 >= 1 && x0 + 2 < sw && y0 + 2 < sh) {
        const p0 = (y0 - 1) * rs + (x0 - 1) * c, p1 = p0 + rs, p2 = p1 + rs, p3 = p2 + rs;
        const c2 = 2 * c, c3 = 3 * c;
        for (let k = 0; k < c; k++) {
          const r0 = data[p0 + k]! * wx0 + data[p0 + c + k]! * wx1 + data[p0 + c2 + k]! * wx2 + data[p0 + c3 + k]! * wx3;
          const r1 = data[p1 + k]! * wx0 + data[p1 + c + k]! * wx1 + data[p1 + c2 + k]! * wx2 + data[p1 + c3 + k]! * wx3;
          const r2 = data[p2 + k]! * wx0 + data[p2 + c + k]! * wx1 + data[p2 + c2 + k]! * wx2 + data[p2 + c3 + k]! * wx3;
          const r3 = data[p3 + k]! * wx0 + data[p3 + c + k]! * wx1 + data[p3 + c2 + k]! * wx2 + data[p3 + c3 + k]! * wx3;
          const v = r0 * wy0 + r1 * wy1 + r2 * wy2 + r3 * wy3 + 0.5;
          dst[o + k] = v < 0 ? 0 : v > 255 ? 255 : v;
        }
        continue;
      }
      // Border: every tap through the fill mode (-1 = constant).
      for (let j = 0; j < 4; j++) {
        const sx = borderIndex(x0 - 1 + j, sw, mode);
        const sy = borderIndex(y0 - 1 + j, sh, mode);
        ix[j] = sx < 0 ? -1 : sx * c;
        iy[j] = sy < 0 ? -1 : sy * rs;
      }
      for (let k = 0; k < c; k++) {
        const f = px[k]!;
        let acc = 0;
        for (let j = 0; j < 4; j++) {
          const r = iy[j]!;
          const wy = j === 0 ? wy0 : j === 1 ? wy1 : j === 2 ? wy2 : wy3;
          if (r < 0) {
            acc += f * wy;
            continue;
          }
          const i0 = ix[0]!, i1 = ix[1]!, i2 = ix[2]!, i3 = ix[3]!;
          const row =
            (i0 < 0 ? f : data[r + i0 + k]!) * wx0 +
            (i1 < 0 ? f : data[r + i1 + k]!) * wx1 +
            (i2 < 0 ? f : data[r + i2 + k]!) * wx2 +
            (i3 < 0 ? f : data[r + i3 + k]!) * wx3;
          acc += row * wy;
        }
        acc += 0.5;
        dst[o + k] = acc < 0 ? 0 : acc > 255 ? 255 : acc;
      }
    }
  }
}
