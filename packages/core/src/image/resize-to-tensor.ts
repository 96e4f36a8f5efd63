import { assertBufferLength, assertInRange, assertInteger, assertObject, assertOneOf } from '../shared/assert.js';
import { ShapeMismatchError } from '../shared/errors.js';
import type { FillMode, ImageData8, Rect } from '../tensor/image.js';
import type { Tensor } from '../tensor/tensor.js';
import { areaTaps, emptyTaps, type AxisTaps } from './area-taps.js';
import { assertImage, borderIndex } from './crop-image.js';

/**
 * Reusable work buffers of {@link resizeToTensor} (one per stream or stage): taps per axis and a few
 * float rows. Created on first use, grown when a bigger size comes along, never shrunk.
 */
export interface ResizeToTensorScratch {
  x?: AxisTaps;
  y?: AxisTaps;
  /** Cache of horizontally resampled source rows (`slots` rows of `3 * contentWidth` floats). */
  rows?: Float32Array;
  /** Source row held by each slot of `rows` (-1: none). */
  slotRow?: Int32Array;
  /** One output row being accumulated. */
  acc?: Float32Array;
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
 * The resampler is an area (box) filter sized to the scale when shrinking, so any reduction
 * antialiases (each output averages the source pixels it covers, partial ones by coverage, like
 * OpenCV's `INTER_AREA`), and bilinear with half-pixel centres when enlarging. It is separable:
 * each needed source row is filtered horizontally once into a small float row cache, then rows
 * are combined vertically; values stay float (no rounding to 8 bits in between). Cost follows the
 * source pixels read plus the output size.
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
  if (r !== undefined) {
    assertObject(r, 'region');
    assertInteger(r.x, 'region.x');
    assertInteger(r.y, 'region.y');
    assertInteger(r.width, 'region.width', 1);
    assertInteger(r.height, 'region.height', 1);
  }
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
  const tx = areaTaps((scratch.x ??= emptyTaps()), rw, options.domainWidth ?? region.width, region.width, region.x, sw, mode, c);
  const ty = areaTaps((scratch.y ??= emptyTaps()), rh, options.domainHeight ?? region.height, region.height, region.y, sh, mode, 1);
  const stride = 3 * rw;
  const slots = ty.maxTaps + 1;
  if (!scratch.rows || scratch.rows.length < slots * stride) scratch.rows = new Float32Array(slots * stride);
  if (!scratch.slotRow || scratch.slotRow.length < slots) scratch.slotRow = new Int32Array(slots);
  if (!scratch.acc || scratch.acc.length < stride) scratch.acc = new Float32Array(stride);
  const { rows, slotRow, acc } = scratch;
  slotRow.fill(-1, 0, slots);

  // planes: p receives source channel ch[p]; normalisation folded into scale and bias
  const mean = options.mean ?? [0, 0, 0], std = options.std ?? [1, 1, 1];
  const bgr = options.channelOrder === 'BGR';
  const c0 = bgr ? 2 : 0, c2 = bgr ? 0 : 2;
  const s0 = 1 / std[c0]!, b0 = -mean[c0]! * s0;
  const s1 = 1 / std[1]!, b1 = -mean[1]! * s1;
  const s2 = 1 / std[c2]!, b2 = -mean[c2]! * s2;
  const p1 = hw, p2 = 2 * hw;
  const { start: xs, index: xi, weight: xw, fill: xf } = tx;
  const { start: ys, index: yi, weight: yw, fill: yf } = ty;
  const rowBytes = sw * c;

  for (let y = 0; y < rh; y++) {
    const v0 = yf[y]! * value;
    for (let i = 0; i < stride; i++) acc[i] = v0;
    for (let t = ys[y]!; t < ys[y + 1]!; t++) {
      const sy = yi[t]!, wy = yw[t]!;
      const slot = sy % slots;
      const off = slot * stride;
      if (slotRow[slot] !== sy) {
        // horizontal pass of source row sy into its slot
        slotRow[slot] = sy;
        const base = sy * rowBytes;
        for (let x = 0, o = off; x < rw; x++, o += 3) {
          let a0 = xf[x]! * value;
          let a1 = a0, a2 = a0;
          for (let k = xs[x]!, e = xs[x + 1]!; k < e; k++) {
            const s = base + xi[k]!, w = xw[k]!;
            a0 += data[s]! * w;
            a1 += data[s + 1]! * w;
            a2 += data[s + 2]! * w;
          }
          rows[o] = a0;
          rows[o + 1] = a1;
          rows[o + 2] = a2;
        }
      }
      for (let i = 0; i < stride; i++) acc[i]! += rows[off + i]! * wy;
    }
    for (let x = 0, o = y * W, i = 0; x < rw; x++, o++, i += 3) {
      out[o] = acc[i + c0]! * s0 + b0;
      out[p1 + o] = acc[i + 1]! * s1 + b1;
      out[p2 + o] = acc[i + c2]! * s2 + b2;
    }
  }
  if (rw < W || rh < H) fillPadding(out, W, H, rw, rh, mode, [value * s0 + b0, value * s1 + b1, value * s2 + b2]);
  return { type: 'float32', dims: [1, 3, H, W], data: out };
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
