import { assertBufferLength, assertInteger, assertNumber, assertObject, assertOneOf, expectedMessage } from '../shared/assert.js';
import { ShapeMismatchError } from '../shared/errors.js';
import type { FillMode, ImageData8, Rect } from '../tensor/image.js';

/** Options of {@link cropImage}. */
export interface CropOptions {
  /** How pixels outside the source are filled (default `'constant'`). */
  readonly fill?: FillMode;
  /** Constant fill value, one number for every channel or one per channel (default 0). */
  readonly value?: number | readonly number[];
  /** Preallocated output of `width * height * channels` bytes. */
  readonly out?: Uint8Array;
}

const FILL_MODES: readonly FillMode[] = ['constant', 'edge', 'reflect'];

/**
 * Validate an {@link ImageData8} at a public boundary (internal helper shared by the kernels).
 * @internal
 */
export function assertImage(image: ImageData8, name: string): void {
  assertObject(image, name);
  const { width, height, channels, data } = image;
  assertInteger(width, `${name}.width`, 1);
  assertInteger(height, `${name}.height`, 1);
  assertOneOf(channels, `${name}.channels`, [1, 3, 4]);
  if (!(data instanceof Uint8Array)) throw new TypeError(expectedMessage(`${name}.data`, 'a Uint8Array', data));
  if (data.length !== width * height * channels) {
    throw new ShapeMismatchError(`${name} buffer of ${width}x${height}x${channels}`, `${width * height * channels} bytes`, `${data.length} bytes`);
  }
}

/**
 * Validate an integer rectangle (a crop region) at a public boundary: integer `x`/`y`, integer
 * `width`/`height` >= 1, the messages naming `name.x` etc. (internal helper shared by the kernels).
 * @internal
 */
export function assertRegion(r: Rect, name: string): void {
  assertObject(r, name);
  assertInteger(r.x, `${name}.x`);
  assertInteger(r.y, `${name}.y`);
  assertInteger(r.width, `${name}.width`, 1);
  assertInteger(r.height, `${name}.height`, 1);
}

/**
 * Map a coordinate outside `[0, n)` back inside for `'edge'` (clamp) or `'reflect'` (mirror about the
 * edge pixel, which is not repeated: `-1 -> 1`, `n -> n - 2`). Returns -1 for `'constant'` outside.
 * @internal
 */
export function borderIndex(i: number, n: number, mode: FillMode): number {
  if (i >= 0 && i < n) return i;
  if (mode === 'constant') return -1;
  if (mode === 'edge' || n === 1) return i < 0 ? 0 : n - 1;
  const period = 2 * (n - 1);
  const r = ((i % period) + period) % period;
  return r < n ? r : period - r;
}

/**
 * Resolve a constant fill value to one byte per channel.
 * @internal
 */
export function fillPixel(value: number | readonly number[] | undefined, channels: number, name = 'value'): Uint8Array {
  const px = new Uint8Array(channels);
  if (value === undefined) return px;
  if (typeof value === 'number') {
    assertNumber(value, name);
    px.fill(Math.min(255, Math.max(0, Math.round(value))));
    return px;
  }
  if (!Array.isArray(value) || value.length !== channels) throw new TypeError(expectedMessage(name, `a number or an array of ${channels} numbers`, value));
  for (let k = 0; k < channels; k++) {
    assertNumber(value[k], `${name}[${k}]`);
    px[k] = Math.min(255, Math.max(0, Math.round(value[k]!)));
  }
  return px;
}

/**
 * Cut `rect` out of an 8-bit image (1, 3 or 4 channels). The rectangle is rounded to whole pixels
 * and may extend past any edge: outside pixels are filled with a constant (`fill: 'constant'`,
 * `value`), the nearest edge pixel (`'edge'`) or the mirror image (`'reflect'`). In-image rows are
 * copied with `TypedArray.set`, so a crop costs one memcpy per row.
 *
 * This is the border kernel behind {@link padImage} and the face crops of the landmark models
 * (a square of side `max(w, h)` around a detector box, black where it leaves the frame).
 *
 * ## Example
 * ```ts
 * // a 3x1 grey strip, crop 2 px to the left of it with edge fill
 * const strip = { width: 3, height: 1, channels: 1, data: Uint8Array.of(10, 20, 30) } as const;
 * cropImage(strip, { x: -2, y: 0, width: 4, height: 1 }, { fill: 'edge' }).data; // [10, 10, 10, 20]
 * ```
 * @param src Source image.
 * @param rect Region in source pixels (rounded to integers; width and height must round to >= 1).
 * @param options Fill mode, constant value, preallocated `out`.
 * @returns A new image of `round(rect.width) x round(rect.height)` with the source's channels.
 * @throws {TypeError} for a malformed image, rect or option.
 * @throws {RangeError} for an empty rect, an unknown fill mode or a wrong-sized `out`.
 * @throws {ShapeMismatchError} when `src.data` does not hold `width * height * channels` bytes.
 */
export function cropImage(src: ImageData8, rect: Rect, options: CropOptions = {}): ImageData8 {
  assertImage(src, 'src');
  assertObject(rect, 'rect');
  assertNumber(rect.x, 'rect.x');
  assertNumber(rect.y, 'rect.y');
  assertNumber(rect.width, 'rect.width');
  assertNumber(rect.height, 'rect.height');
  const mode = options.fill ?? 'constant';
  assertOneOf(mode, 'fill', FILL_MODES);
  const x0 = Math.round(rect.x);
  const y0 = Math.round(rect.y);
  const w = Math.round(rect.width);
  const h = Math.round(rect.height);
  assertInteger(w, 'rounded rect.width', 1);
  assertInteger(h, 'rounded rect.height', 1);
  const { width: sw, height: sh, channels: c, data } = src;
  const stride = w * c;
  const dst = options.out ?? new Uint8Array(stride * h);
  assertBufferLength(dst, 'out', stride * h);
  const px = fillPixel(options.value, c);
  const uniform = px.every((v) => v === px[0]);

  // Columns [inL, inR) of the output come straight from the source row.
  const inL = Math.min(w, Math.max(0, -x0));
  const inR = Math.max(inL, Math.min(w, sw - x0));
  const copyFrom = (x0 + inL) * c;
  const copyTo = (x0 + inR) * c;
  // Source column (times c) of every border column, or -1 for constant.
  const border = new Int32Array(inL + (w - inR));
  for (let x = 0, j = 0; x < w; x++) {
    if (x === inL) x = inR;
    if (x >= w) break;
    const s = borderIndex(x0 + x, sw, mode);
    border[j++] = s < 0 ? -1 : s * c;
  }

  for (let y = 0; y < h; y++) {
    const o = y * stride;
    const sy = borderIndex(y0 + y, sh, mode);
    if (sy < 0) {
      if (uniform) dst.fill(px[0]!, o, o + stride);
      else for (let i = o; i < o + stride; i += c) dst.set(px, i);
      continue;
    }
    const row = sy * sw * c;
    if (inR > inL) dst.set(data.subarray(row + copyFrom, row + copyTo), o + inL * c);
    for (let x = 0, j = 0; x < w; x++) {
      if (x === inL) x = inR;
      if (x >= w) break;
      const s = border[j++]!;
      const i = o + x * c;
      if (s < 0) for (let k = 0; k < c; k++) dst[i + k] = px[k]!;
      else for (let k = 0; k < c; k++) dst[i + k] = data[row + s + k]!;
    }
  }
  return { width: w, height: h, channels: c, data: dst };
}
