import { assertBufferLength, assertInRange, assertInteger, assertObject, assertOneOf } from '../shared/assert.js';
import { ShapeMismatchError } from '../shared/errors.js';
import type { FillMode, ImageData8, Rect } from '../tensor/image.js';
import type { Tensor } from '../tensor/tensor.js';
import { areaTaps, emptyTaps, type AxisTaps } from './area-taps.js';
import { assertImage, assertRegion, borderIndex } from './crop-image.js';

/**
 * Reusable work buffers of {@link resizeToTensor} (one per stream or stage): taps per axis and one
 * float row. Created on first use, grown when a bigger size comes along, never shrunk.
 */
export interface ResizeToTensorScratch {
  x?: AxisTaps;
  y?: AxisTaps;
  /** The vertically combined source row of the output row being written. */
  acc?: Float64Array;
  /** Two-tap tables of the direct path (x then y). */
  pairs?: Float64Array;
  /** The last image's bytes as 32-bit words (the vertical sweep's loads), kept while the same buffer comes again. */
  words?: Uint32Array;
}

/** Options of {@link resizeToTensor}. */
export interface ResizeToTensorOptions {
  /** Tensor width and height. */
  readonly width: number;
  readonly height: number;
  /** Integer rectangle of the image to use (default: all of it); it may leave the image (filled per `padding`). */
  readonly region?: Rect;
  /** Pad the region right/bottom to this size before resampling (`'pad-to-multiple'`; default: the region size). */
  readonly domainWidth?: number;
  readonly domainHeight?: number;
  /** Size of the resampled content at the top-left of the tensor; the rest is padding (letterbox; default: the tensor size). */
  readonly contentWidth?: number;
  readonly contentHeight?: number;
  /** Fill of pixels outside the image and of padding (default `'constant'`). */
  readonly padding?: FillMode;
  /** Constant fill value 0..255 (default 0). */
  readonly padValue?: number;
  /** `(pixel - mean) / std` per channel, RGB order (default 0 and 1). */
  readonly mean?: readonly [number, number, number];
  readonly std?: readonly [number, number, number];
  /** Channel order of the tensor planes (default `'RGB'`). */
  readonly channelOrder?: 'RGB' | 'BGR';
  /** Interpolation when enlarging (default `'bilinear'`; shrinking always uses the box filter). */
  readonly enlarge?: 'bilinear' | 'bicubic';
  /** Preallocated tensor data of `3 * width * height` floats. */
  readonly out?: Float32Array;
  /** Reusable work buffers. */
  readonly scratch?: ResizeToTensorScratch;
}

const FILLS: readonly FillMode[] = ['constant', 'edge', 'reflect'];

/**
 * Frame pixels to a model's float32 NCHW input in one fused pass: crop (`region`), optional
 * padding to a multiple (`domainWidth/Height`), antialiased resampling, letterbox padding
 * (`contentWidth/Height`), normalisation and channel order, written straight into `out`; no
 * intermediate 8-bit image, and with a `scratch` no allocation once warm.
 *
 * The resampler is a box filter sized to the scale when shrinking, so any reduction antialiases
 * (each output averages the `0.85 s x 0.85 s` source pixels around its centre, partial ones by
 * coverage: close to OpenCV's `INTER_AREA`, a little sharper), and bilinear (or, with
 * `enlarge: 'bicubic'`, Keys bicubic) with half-pixel centres when enlarging. Up to a 2x shrink (and when enlarging) it reads 2x2 pixels per output, like
 * bilinear, with normalisation on the spot; beyond that it is separable,
 * vertical first: per output row, the source rows it covers are summed with their weights in one
 * contiguous sweep over the needed columns (the bulk of the work, no index lookups), then that
 * float row is filtered horizontally and written normalised into the planes; values stay float
 * (no rounding to 8 bits in between). Cost follows the source pixels covered plus the output size.
 *
 * ## Example
 * ```ts
 * // UltraFace-320 from a 1280x720 frame: a 4x3 area shrink, (x - 127) / 128, RGB
 * const t = resizeToTensor(frame, { width: 320, height: 240, mean: [127, 127, 127], std: [128, 128, 128], out: pooled, scratch });
 * t.dims; // [1, 3, 240, 320]
 * ```
 * @param image Source image, 3 or 4 channels (RGBA: alpha ignored).
 * @param options Output size, region, padding, normalisation, pooled `out` and `scratch`.
 * @returns The tensor (its data is `options.out` when given).
 * @throws {TypeError | RangeError} for an invalid image or option (the message names it).
 * @throws {ShapeMismatchError} for a 1-channel image or a wrong-sized image buffer; {@link RangeError} for a wrong-sized `out`.
 */
export function resizeToTensor(image: ImageData8, options: ResizeToTensorOptions): Tensor<'float32'> {
  assertImage(image, 'image');
  assertObject(options, 'options');
  assertInteger(options.width, 'width', 1);
  assertInteger(options.height, 'height', 1);
  const r = options.region;
  if (r !== undefined) assertRegion(r, 'region');
  const cw = r ? r.width : image.width, ch = r ? r.height : image.height;
  if (options.domainWidth !== undefined) assertInteger(options.domainWidth, 'domainWidth', cw);
  if (options.domainHeight !== undefined) assertInteger(options.domainHeight, 'domainHeight', ch);
  if (options.contentWidth !== undefined) assertInteger(options.contentWidth, 'contentWidth', 1, options.width);
  if (options.contentHeight !== undefined) assertInteger(options.contentHeight, 'contentHeight', 1, options.height);
  if (options.padding !== undefined) assertOneOf(options.padding, 'padding', FILLS);
  if (options.padValue !== undefined) assertInRange(options.padValue, 'padValue', 0, 255);
  for (const key of ['mean', 'std'] as const) {
    const v = options[key];
    if (v !== undefined && (!Array.isArray(v) || v.length !== 3 || !v.every(Number.isFinite) || (key === 'std' && v.some((x) => x === 0)))) {
      throw new TypeError(`Expected \`${key}\` to be three finite numbers${key === 'std' ? ' (none 0)' : ''}, got \`${JSON.stringify(v)}\``);
    }
  }
  if (options.channelOrder !== undefined) assertOneOf(options.channelOrder, 'channelOrder', ['RGB', 'BGR']);
  if (options.enlarge !== undefined) assertOneOf(options.enlarge, 'enlarge', ['bilinear', 'bicubic']);
  return resizeToTensorUnchecked(image, options);
}

/** {@link resizeToTensor} without the option checks, for callers that validated at their own boundary. @internal */
export function resizeToTensorUnchecked(image: ImageData8, options: ResizeToTensorOptions): Tensor<'float32'> {
  const { width: sw, height: sh, channels: c, data } = image;
  if (c !== 3 && c !== 4) throw new ShapeMismatchError('image channels for resizeToTensor', '3 (RGB) or 4 (RGBA)', String(c));
  if (data.length !== sw * sh * c) throw new ShapeMismatchError(`image buffer of ${sw}x${sh}x${c}`, `${sw * sh * c} bytes`, `${data.length} bytes`);
  const W = options.width, H = options.height, hw = W * H;
  const out = options.out ?? new Float32Array(3 * hw);
  assertBufferLength(out, 'out', 3 * hw);
  const region = options.region ?? { x: 0, y: 0, width: sw, height: sh };
  const rw = options.contentWidth ?? W, rh = options.contentHeight ?? H;
  const mode = options.padding ?? 'constant';
  const value = options.padValue ?? 0;
  const scratch = options.scratch ?? {};
  const cubic = options.enlarge === 'bicubic';
  const tx = areaTaps((scratch.x ??= emptyTaps()), rw, options.domainWidth ?? region.width, region.width, region.x, sw, mode, c, cubic);
  const ty = areaTaps((scratch.y ??= emptyTaps()), rh, options.domainHeight ?? region.height, region.height, region.y, sh, mode, 1, cubic);
  // planes: p receives source channel ch[p]; normalisation folded into scale and bias
  const mean = options.mean ?? [0, 0, 0], std = options.std ?? [1, 1, 1];
  const bgr = options.channelOrder === 'BGR';
  const c0 = bgr ? 2 : 0, c2 = bgr ? 0 : 2;
  const s0 = 1 / std[c0]!, b0 = -mean[c0]! * s0;
  const s1 = 1 / std[1]!, b1 = -mean[1]! * s1;
  const s2 = 1 / std[c2]!, b2 = -mean[c2]! * s2;
  const p1 = hw, p2 = 2 * hw;
  const rowBytes = sw * c;
  const planes: Planes = { s0, b0, s1, b1, s2, b2, bgr, p1, p2, W };
  if (unitTaps(tx, rw) && unitTaps(ty, rh)) {
    direct1x1(data, rowBytes, out, tx, ty, rw, rh, planes);
  } else if (tx.maxTaps <= 2 && ty.maxTaps <= 2) {
    direct2x2(data, rowBytes, out, tx, ty, rw, rh, value, planes, scratch);
  } else {
    separable(data, rowBytes, out, tx, ty, rw, rh, value, planes, scratch, c);
  }
  if (rw < W || rh < H) fillPadding(out, W, H, rw, rh, mode, [value * s0 + b0, value * s1 + b1, value * s2 + b2]);
  return { type: 'float32', dims: [1, 3, H, W], data: out };
}

/** Per-plane scale/bias and layout of the output. */
interface Planes {
  readonly s0: number;
  readonly b0: number;
  readonly s1: number;
  readonly b1: number;
  readonly s2: number;
  readonly b2: number;
  readonly bgr: boolean;
  readonly p1: number;
  readonly p2: number;
  readonly W: number;
}

/** Every output takes exactly one in-image sample with weight 1 (no resampling along this axis). */
function unitTaps(t: AxisTaps, n: number): boolean {
  if (t.maxTaps !== 1 || t.start[n] !== n) return false;
  for (let i = 0; i < n; i++) if (t.weight[i] !== 1) return false;
  return true;
}

/** One in-image source pixel per output (same size, a crop inside the image): a gather and the normalisation, nothing else. */
function direct1x1(data: Uint8Array, rowBytes: number, out: Float32Array, tx: AxisTaps, ty: AxisTaps, rw: number, rh: number, pl: Planes): void {
  const { s0, b0, s1, b1, s2, b2, bgr, p1, p2, W } = pl;
  const xi = tx.index, yi = ty.index;
  const k0 = bgr ? 2 : 0, k2 = bgr ? 0 : 2;
  for (let y = 0; y < rh; y++) {
    const r = yi[y]! * rowBytes, o0 = y * W;
    for (let x = 0; x < rw; x++) {
      const i = r + xi[x]!;
      out[o0 + x] = data[i + k0]! * s0 + b0;
      out[p1 + o0 + x] = data[i + 1]! * s1 + b1;
      out[p2 + o0 + x] = data[i + k2]! * s2 + b2;
    }
  }
}

/** Two taps per output (index, weight; a missing tap has weight 0) into `into` (length >= 4n). */
function twoTaps(t: AxisTaps, n: number, into: Float64Array): Float64Array {
  const { start, index, weight } = t;
  for (let i = 0, q = 0; i < n; i++, q += 4) {
    const k = start[i]!, m = start[i + 1]! - k;
    into[q] = m > 0 ? index[k]! : 0;
    into[q + 1] = m > 0 ? weight[k]! : 0;
    into[q + 2] = m > 1 ? index[k + 1]! : into[q]!;
    into[q + 3] = m > 1 ? weight[k + 1]! : 0;
  }
  return into;
}

/** At most 2 taps per axis (shrinks up to 2x, enlargements): 4 reads per channel and output, like bilinear, normalised on the spot. */
function direct2x2(data: Uint8Array, rowBytes: number, out: Float32Array, tx: AxisTaps, ty: AxisTaps, rw: number, rh: number, value: number, pl: Planes, scratch: ResizeToTensorScratch): void {
  if (!scratch.pairs || scratch.pairs.length < 4 * (rw + rh)) scratch.pairs = new Float64Array(4 * (rw + rh));
  const X = twoTaps(tx, rw, scratch.pairs);
  const Y = twoTaps(ty, rh, scratch.pairs.subarray(4 * rw));
  const { s0, b0, s1, b1, s2, b2, bgr, p1, p2, W } = pl;
  const xf = tx.fill, yf = ty.fill;
  for (let y = 0; y < rh; y++) {
    const r0 = Y[4 * y]! * rowBytes, v0 = Y[4 * y + 1]!, r1 = Y[4 * y + 2]! * rowBytes, v1 = Y[4 * y + 3]!;
    const rowFill = value * yf[y]!, colFill = value - rowFill;
    const o0 = y * W;
    for (let x = 0, q = 0; x < rw; x++, q += 4) {
      const a = X[q]!, u0 = X[q + 1]!, b = X[q + 2]!, u1 = X[q + 3]!;
      const f = xf[x]! * colFill + rowFill;
      const i00 = r0 + a, i01 = r0 + b, i10 = r1 + a, i11 = r1 + b;
      const c0 = (data[i00]! * u0 + data[i01]! * u1) * v0 + (data[i10]! * u0 + data[i11]! * u1) * v1 + f;
      const c1 = (data[i00 + 1]! * u0 + data[i01 + 1]! * u1) * v0 + (data[i10 + 1]! * u0 + data[i11 + 1]! * u1) * v1 + f;
      const c2 = (data[i00 + 2]! * u0 + data[i01 + 2]! * u1) * v0 + (data[i10 + 2]! * u0 + data[i11 + 2]! * u1) * v1 + f;
      out[o0 + x] = (bgr ? c2 : c0) * s0 + b0;
      out[p1 + o0 + x] = c1 * s1 + b1;
      out[p2 + o0 + x] = (bgr ? c0 : c2) * s2 + b2;
    }
  }
}

/** Any number of taps: per output row, a contiguous vertical sweep of its source rows into `acc`, then the horizontal taps from `acc`. */
function separable(data: Uint8Array, rowBytes: number, out: Float32Array, tx: AxisTaps, ty: AxisTaps, rw: number, rh: number, value: number, pl: Planes, scratch: ResizeToTensorScratch, c: number): void {
  const { start: xs, index: xi, weight: xw, fill: xf } = tx;
  const { start: ys, index: yi, weight: yw, fill: yf } = ty;
  const { s0, b0, s1, b1, s2, b2, bgr, p1, p2, W } = pl;
  // source columns the horizontal taps read (the vertical sweep covers just these)
  let lo = Infinity, hi = -Infinity;
  for (let k = 0, e = xs[rw]!; k < e; k++) {
    const v = xi[k]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = hi >= lo ? hi - lo + c : 0;
  if (!scratch.acc || scratch.acc.length < span) scratch.acc = new Float64Array(span);
  const acc = scratch.acc;
  const words = wordView(data, scratch);
  // every output column has exactly 2 taps (e.g. an exact 2x shrink): unrolled loop
  let uniform = xs[rw]! === 2 * rw ? 2 : 0;
  for (let x = 0; x < rw && uniform === 2; x++) if (xs[x]! !== 2 * x) uniform = 0;
  for (let y = 0; y < rh; y++) {
    // vertical pass: the source rows of output row y, weighted, over the needed columns (tight, contiguous)
    const t0 = ys[y]!, t1 = ys[y + 1]!;
    if (t1 === t0) acc.fill(0, 0, span);
    else verticalPass(data, words, acc, span, lo, rowBytes, yi, yw, t0, t1);
    // horizontal pass from the accumulated row, normalised straight into the planes
    const yFill = yf[y]!;
    const rowFill = value * yFill, colFill = value * (1 - yFill);
    const o0 = y * W;
    if (uniform === 2) {
      for (let x = 0, k = 0; x < rw; x++, k += 2) {
        const q = xi[k]! - lo, w = xw[k]!, r = xi[k + 1]! - lo, v = xw[k + 1]!;
        const f = xf[x]! * colFill + rowFill;
        const a0 = f + acc[q]! * w + acc[r]! * v, a1 = f + acc[q + 1]! * w + acc[r + 1]! * v, a2 = f + acc[q + 2]! * w + acc[r + 2]! * v;
        out[o0 + x] = (bgr ? a2 : a0) * s0 + b0;
        out[p1 + o0 + x] = a1 * s1 + b1;
        out[p2 + o0 + x] = (bgr ? a0 : a2) * s2 + b2;
      }
    } else {
      for (let x = 0; x < rw; x++) {
        let a0 = xf[x]! * colFill + rowFill;
        let a1 = a0, a2 = a0;
        for (let k = xs[x]!, e = xs[x + 1]!; k < e; k++) {
          const q = xi[k]! - lo, w = xw[k]!;
          a0 += acc[q]! * w;
          a1 += acc[q + 1]! * w;
          a2 += acc[q + 2]! * w;
        }
        out[o0 + x] = (bgr ? a2 : a0) * s0 + b0;
        out[p1 + o0 + x] = a1 * s1 + b1;
        out[p2 + o0 + x] = (bgr ? a0 : a2) * s2 + b2;
      }
    }
  }
}

/** Little-endian platform: byte k of a 32-bit word is `(word >>> 8k) & 255`. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** `data` as 32-bit words (4 pixels' bytes per load in the vertical sweep), when its bytes start word-aligned on a little-endian platform. */
function wordView(data: Uint8Array, scratch: ResizeToTensorScratch): Uint32Array | undefined {
  if (!LITTLE_ENDIAN || data.byteOffset % 4 !== 0) return undefined;
  const kept = scratch.words;
  if (kept && kept.buffer === data.buffer && kept.byteOffset === data.byteOffset && kept.length === data.byteLength >>> 2) return kept;
  return (scratch.words = new Uint32Array(data.buffer, data.byteOffset, data.byteLength >>> 2));
}

/**
 * `acc[0 .. span)` = sum over taps `t0 .. t1 - 1` of `weight * row`, row `index[t]` of `data` from byte `lo`; up to four rows per sweep.
 * Sweeps whose rows all start word-aligned read `words` (one load per 4 bytes, same products and sums in the same order:
 * bit-identical to the byte loop, which does the rest).
 */
function verticalPass(data: Uint8Array, words: Uint32Array | undefined, acc: Float64Array, span: number, lo: number, rowBytes: number, index: Int32Array, weight: Float32Array, t0: number, t1: number): void {
  let first = true;
  for (let t = t0; t < t1; ) {
    const m = Math.min(4, t1 - t);
    const r0 = index[t]! * rowBytes + lo, w0 = weight[t]!;
    const r1 = m > 1 ? index[t + 1]! * rowBytes + lo : r0, w1 = m > 1 ? weight[t + 1]! : 0;
    const r2 = m > 2 ? index[t + 2]! * rowBytes + lo : r0, w2 = m > 2 ? weight[t + 2]! : 0;
    const r3 = m > 3 ? index[t + 3]! * rowBytes + lo : r0, w3 = m > 3 ? weight[t + 3]! : 0;
    const aligned = words !== undefined && ((r0 | r1 | r2 | r3) & 3) === 0 ? span & ~3 : 0;
    if (aligned > 0) sweepWords(words!, acc, aligned, m, first, r0 >>> 2, r1 >>> 2, r2 >>> 2, r3 >>> 2, w0, w1, w2, w3);
    sweepBytes(data, acc, aligned, span, m, first, r0, r1, r2, r3, w0, w1, w2, w3);
    first = false;
    t += m;
  }
}

/** The byte loop of {@link verticalPass} over `acc[from .. span)`: `m` rows (the first `m` of r0..r3), written (`first`) or added. */
function sweepBytes(data: Uint8Array, acc: Float64Array, from: number, span: number, m: number, first: boolean, r0: number, r1: number, r2: number, r3: number, w0: number, w1: number, w2: number, w3: number): void {
  if (m === 4) {
    if (first) for (let i = from; i < span; i++) acc[i] = data[r0 + i]! * w0 + data[r1 + i]! * w1 + data[r2 + i]! * w2 + data[r3 + i]! * w3;
    else for (let i = from; i < span; i++) acc[i]! += data[r0 + i]! * w0 + data[r1 + i]! * w1 + data[r2 + i]! * w2 + data[r3 + i]! * w3;
  } else if (m === 3) {
    if (first) for (let i = from; i < span; i++) acc[i] = data[r0 + i]! * w0 + data[r1 + i]! * w1 + data[r2 + i]! * w2;
    else for (let i = from; i < span; i++) acc[i]! += data[r0 + i]! * w0 + data[r1 + i]! * w1 + data[r2 + i]! * w2;
  } else if (m === 2) {
    if (first) for (let i = from; i < span; i++) acc[i] = data[r0 + i]! * w0 + data[r1 + i]! * w1;
    else for (let i = from; i < span; i++) acc[i]! += data[r0 + i]! * w0 + data[r1 + i]! * w1;
  } else if (first) {
    for (let i = from; i < span; i++) acc[i] = data[r0 + i]! * w0;
  } else {
    for (let i = from; i < span; i++) acc[i]! += data[r0 + i]! * w0;
  }
}

/**
 * The word loop of {@link verticalPass} over `acc[0 .. bytes)` (`bytes` a multiple of 4): row starts `q0..q3` in words, byte k of
 * each word its k-th byte (little-endian). Per byte the same expression as {@link sweepBytes}, so the sums are identical.
 */
function sweepWords(words: Uint32Array, acc: Float64Array, bytes: number, m: number, first: boolean, q0: number, q1: number, q2: number, q3: number, w0: number, w1: number, w2: number, w3: number): void {
  const n = bytes >>> 2;
  if (m === 4) {
    for (let j = 0, i = 0; j < n; j++, i += 4) {
      const a = words[q0 + j]!, b = words[q1 + j]!, c = words[q2 + j]!, d = words[q3 + j]!;
      const v0 = (a & 255) * w0 + (b & 255) * w1 + (c & 255) * w2 + (d & 255) * w3;
      const v1 = ((a >>> 8) & 255) * w0 + ((b >>> 8) & 255) * w1 + ((c >>> 8) & 255) * w2 + ((d >>> 8) & 255) * w3;
      const v2 = ((a >>> 16) & 255) * w0 + ((b >>> 16) & 255) * w1 + ((c >>> 16) & 255) * w2 + ((d >>> 16) & 255) * w3;
      const v3 = (a >>> 24) * w0 + (b >>> 24) * w1 + (c >>> 24) * w2 + (d >>> 24) * w3;
      store(acc, i, first, v0, v1, v2, v3);
    }
  } else if (m === 3) {
    for (let j = 0, i = 0; j < n; j++, i += 4) {
      const a = words[q0 + j]!, b = words[q1 + j]!, c = words[q2 + j]!;
      const v0 = (a & 255) * w0 + (b & 255) * w1 + (c & 255) * w2;
      const v1 = ((a >>> 8) & 255) * w0 + ((b >>> 8) & 255) * w1 + ((c >>> 8) & 255) * w2;
      const v2 = ((a >>> 16) & 255) * w0 + ((b >>> 16) & 255) * w1 + ((c >>> 16) & 255) * w2;
      const v3 = (a >>> 24) * w0 + (b >>> 24) * w1 + (c >>> 24) * w2;
      store(acc, i, first, v0, v1, v2, v3);
    }
  } else if (m === 2) {
    for (let j = 0, i = 0; j < n; j++, i += 4) {
      const a = words[q0 + j]!, b = words[q1 + j]!;
      store(acc, i, first, (a & 255) * w0 + (b & 255) * w1, ((a >>> 8) & 255) * w0 + ((b >>> 8) & 255) * w1, ((a >>> 16) & 255) * w0 + ((b >>> 16) & 255) * w1, (a >>> 24) * w0 + (b >>> 24) * w1);
    }
  } else {
    for (let j = 0, i = 0; j < n; j++, i += 4) {
      const a = words[q0 + j]!;
      store(acc, i, first, (a & 255) * w0, ((a >>> 8) & 255) * w0, ((a >>> 16) & 255) * w0, (a >>> 24) * w0);
    }
  }
}

/** `acc[i .. i + 4)` set to (`first`) or increased by four sums. */
function store(acc: Float64Array, i: number, first: boolean, v0: number, v1: number, v2: number, v3: number): void {
  if (first) {
    acc[i] = v0;
    acc[i + 1] = v1;
    acc[i + 2] = v2;
    acc[i + 3] = v3;
  } else {
    acc[i]! += v0;
    acc[i + 1]! += v1;
    acc[i + 2]! += v2;
    acc[i + 3]! += v3;
  }
}

/** Letterbox bands right of and below the `rw x rh` content, per plane: the constant, or edge/reflect of the content. */
function fillPadding(out: Float32Array, W: number, H: number, rw: number, rh: number, mode: FillMode, fill: readonly [number, number, number]): void {
  const hw = W * H;
  for (let p = 0; p < 3; p++) {
    const base = p * hw, v = fill[p]!;
    for (let y = 0; y < rh; y++) {
      const row = base + y * W;
      if (mode === 'constant') out.fill(v, row + rw, row + W);
      else for (let x = rw; x < W; x++) out[row + x] = out[row + borderIndex(x, rw, mode)]!;
    }
    for (let y = rh; y < H; y++) {
      const row = base + y * W;
      if (mode === 'constant') out.fill(v, row, row + W);
      else out.copyWithin(row, base + borderIndex(y, rh, mode) * W, base + borderIndex(y, rh, mode) * W + W);
    }
  }
}
