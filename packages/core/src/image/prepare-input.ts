import { assertInRange, assertInteger, assertObject, assertOneOf } from '../shared/assert.js';
import type { ModelInputSpec, ResizePolicy } from '../models/model-spec.js';
import type { FillMode, ImageData8, Rect } from '../tensor/image.js';
import type { Tensor } from '../tensor/tensor.js';
import { assertImage, assertRegion, cropImage } from './crop-image.js';
import { imageToTensor } from './image-to-tensor.js';
import { padImage } from './pad-image.js';
import { resizeImage } from './resize-image.js';
import { resizeToTensorUnchecked, type ResizeToTensorScratch } from './resize-to-tensor.js';
import { resizeWithSharp } from './resize-with-sharp.js';

/** How the (cropped) image is fitted to the network size. */
export type InputFit =
  /** Resize to the input size ignoring aspect. */
  | 'squash'
  /** Keep aspect, scale to fit, pad right/bottom. */
  | 'letterbox'
  /** Pad right/bottom to a multiple of `multiple` (dynamic-input models), then resize to the input size. */
  | 'pad-to-multiple';

/**
 * Resampler of {@link prepareInput}: `'area'` (default) is the fused, antialiased path of
 * {@link resizeToTensor} (box filter sized to the scale when shrinking, bilinear when enlarging,
 * no 8-bit intermediate), `'area-bicubic'` the same with bicubic enlarging; `'bilinear'`, `'bicubic'` and `'nearest'` are core's 8-bit kernels,
 * which do not antialias; `'sharp'` is libvips lanczos3 (asynchronous, antialiased).
 */
export type InputResampler = 'area' | 'area-bicubic' | 'bilinear' | 'bicubic' | 'nearest' | 'sharp';

/** The parts of a {@link ModelInputSpec} that {@link prepareInput} reads (a full `ModelInputSpec` fits). */
export interface PrepareInputSpec {
  readonly width: number;
  readonly height: number;
  readonly channelOrder: 'RGB' | 'BGR';
  /** `(pixel - mean) / std`, per channel in RGB order. */
  readonly mean: readonly [number, number, number];
  readonly std: readonly [number, number, number];
  /** `'letterbox'` selects the letterbox fit; `'squash'`/`'face-crop'`/absent the squash fit (a face crop is a `region`). */
  readonly resize?: ResizePolicy;
  /** Default multiple of the `'pad-to-multiple'` fit. */
  readonly dynamicMultiple?: number;
}

/**
 * Reusable 8-bit work buffers of {@link prepareInput}, owned by the caller (one per stream or stage).
 * Entries are created on first use and replaced when the needed size changes. The returned
 * `image` may live in one of them: it is valid until the next call with the same scratch.
 */
export interface PrepareInputScratch {
  /** Taps and float rows of the fused `'area'` path. */
  fused?: ResizeToTensorScratch;
  /** Region crop. */
  crop?: Uint8Array;
  /** Resize target. */
  resized?: Uint8Array;
  /** Padded (letterbox / multiple) image. */
  padded?: Uint8Array;
}

/** Options of {@link prepareInput}. */
export interface PrepareInputOptions {
  /** Network input width (default `spec.width`; e.g. a chosen size of a dynamic input). */
  readonly width?: number;
  /** Network input height (default `spec.height`). */
  readonly height?: number;
  /** Fit (default `'letterbox'` when `spec.resize` is `'letterbox'`, else `'squash'`). */
  readonly fit?: InputFit;
  /** Integer rectangle of the image to use instead of the whole image (a face crop); it may leave the image, outside pixels are filled as `padding` says. */
  readonly region?: Rect;
  /** Resampler (default `'area'`). `'sharp'` makes the call return a promise. */
  readonly resampler?: InputResampler;
  /** Fill of pixels outside the image and of padding bands (default `'constant'`). */
  readonly padding?: FillMode;
  /** Constant fill value 0..255 (default 0). */
  readonly padValue?: number;
  /** Multiple of the `'pad-to-multiple'` fit (default `spec.dynamicMultiple`, else 32). */
  readonly multiple?: number;
  /** Preallocated tensor data of `3 * width * height` floats (allocated only when absent). */
  readonly out?: Float32Array;
  /** Reusable 8-bit work buffers. */
  readonly scratch?: PrepareInputScratch;
}

/** Result of {@link prepareInput}. */
export interface PreparedInput {
  /** Float32 NCHW `[1, 3, height, width]`; its data is `options.out` when given. */
  readonly tensor: Tensor<'float32'>;
  /** The 8-bit network-size image the tensor was made from (may be a scratch buffer or the source itself); absent for the fused `'area'` resampler, which makes none. */
  readonly image?: ImageData8;
  /** Size of the image content inside the network input (the rest is padding), network pixels; may be fractional for `'pad-to-multiple'`. */
  readonly contentWidth: number;
  readonly contentHeight: number;
  /** Back to frame pixels: `xFrame = xInput * scaleX + offsetX`, `yFrame = yInput * scaleY + offsetY`. */
  readonly scaleX: number;
  readonly scaleY: number;
  /** Top-left of `region` in the frame (0 without a region). */
  readonly offsetX: number;
  readonly offsetY: number;
}

const FITS: readonly InputFit[] = ['squash', 'letterbox', 'pad-to-multiple'];
const RESAMPLERS: readonly InputResampler[] = ['area', 'area-bicubic', 'bilinear', 'bicubic', 'nearest', 'sharp'];
const FILLS: readonly FillMode[] = ['constant', 'edge', 'reflect'];

/** A buffer of exactly `n` bytes from `scratch[key]`, created or replaced when the size differs. */
function take(scratch: PrepareInputScratch | undefined, key: 'crop' | 'resized' | 'padded', n: number): Uint8Array | undefined {
  if (!scratch) return undefined;
  let buf = scratch[key];
  if (!buf || buf.length !== n) scratch[key] = buf = new Uint8Array(n);
  return buf;
}

function validate(image: ImageData8, spec: PrepareInputSpec, options: PrepareInputOptions): void {
  assertImage(image, 'image');
  assertObject(spec, 'spec');
  assertObject(options, 'options');
  assertInteger(options.width ?? spec.width, options.width === undefined ? 'spec.width' : 'width', 1);
  assertInteger(options.height ?? spec.height, options.height === undefined ? 'spec.height' : 'height', 1);
  if (options.fit !== undefined) assertOneOf(options.fit, 'fit', FITS);
  if (options.resampler !== undefined) assertOneOf(options.resampler, 'resampler', RESAMPLERS);
  if (options.padding !== undefined) assertOneOf(options.padding, 'padding', FILLS);
  if (options.padValue !== undefined) assertInRange(options.padValue, 'padValue', 0, 255);
  if (options.multiple !== undefined) assertInteger(options.multiple, 'multiple', 1);
  else if (spec.dynamicMultiple !== undefined) assertInteger(spec.dynamicMultiple, 'spec.dynamicMultiple', 1);
  const r = options.region;
  if (r !== undefined) assertRegion(r, 'region');
}

/**
 * Turn an 8-bit image (or a region of it, such as a face crop) into a model's float32 NCHW input
 * as its input spec says, and say how input pixels map back to the frame:
 *
 * 1. `region` (optional): crop it, filling outside pixels per `padding`/`padValue`;
 * 2. fit to `width x height`: `'squash'` resizes ignoring aspect; `'letterbox'` scales by
 *    `min(W / w, H / h)` (content `round(w * s) x round(h * s)`) and pads right/bottom;
 *    `'pad-to-multiple'` pads right/bottom to a multiple, then resizes to the input size.
 *    Same-size steps are skipped (no copy);
 * 3. one fused pass to NCHW with the channel order applied and mean/std folded into scale and bias,
 *    into `out` when given.
 *
 * With the default `'area'` (or `'area-bicubic'`) resampler all three steps are one pass ({@link resizeToTensor}):
 * antialiased for any scale, no crop copy and no 8-bit intermediate (`image` is then absent).
 *
 * With a JS resampler the call is synchronous and returns the result; with `'sharp'` it returns a
 * promise. Either way every write to `out` and `scratch` happens in one synchronous stretch, so
 * concurrent callers sharing a pool never see each other's pixels half-written.
 *
 * ## Example
 * ```ts
 * const spec = modelRegistry.get('yunet-640')!.input; // BGR, raw 0..255, letterbox
 * const { tensor, scaleX, scaleY } = prepareInput(frame1280x720, spec, { out: pooled });
 * tensor.dims; // [1, 3, 640, 640]
 * scaleX;      // 2 (box x in frame pixels = x * 2)
 * ```
 * @param image Source image (1 channel is rejected by the tensor step).
 * @param spec Network size, channel order, normalisation and default fit.
 * @param options Region, fit, resampler, padding, pooled `out`/`scratch`.
 * @returns The tensor, the 8-bit network image, content size and the mapping back to frame pixels.
 * @throws {TypeError | RangeError} for an invalid image, spec or option (the message names it).
 * @throws {ShapeMismatchError} for a wrong-sized image buffer, a 1-channel image or a wrong-sized `out`.
 */
export function prepareInput(image: ImageData8, spec: PrepareInputSpec, options?: PrepareInputOptions & { readonly resampler?: Exclude<InputResampler, 'sharp'> }): PreparedInput;
export function prepareInput(image: ImageData8, spec: PrepareInputSpec, options: PrepareInputOptions): PreparedInput | Promise<PreparedInput>;
export function prepareInput(image: ImageData8, spec: PrepareInputSpec, options: PrepareInputOptions = {}): PreparedInput | Promise<PreparedInput> {
  validate(image, spec, options);
  const W = options.width ?? spec.width;
  const H = options.height ?? spec.height;
  const fit = options.fit ?? (spec.resize === 'letterbox' ? 'letterbox' : 'squash');
  const resampler = options.resampler ?? 'area';
  const mode = options.padding ?? 'constant';
  const value = options.padValue ?? 0;
  const { scratch, region } = options;
  const c = image.channels;
  if (resampler === 'area' || resampler === 'area-bicubic') return fused(image, spec, options, W, H, fit, resampler === 'area-bicubic');
  // sharp reads its input after an await: buffers it reads must not be shared with a concurrent call
  const before = resampler === 'sharp' ? undefined : scratch;

  const src = region ? cropImage(image, region, { fill: mode, value, out: take(before, 'crop', region.width * region.height * c) }) : image;
  const sw = src.width, sh = src.height;
  const offsetX = region ? region.x : 0;
  const offsetY = region ? region.y : 0;

  // Plan: resize `from` to rw x rh (unless already that size), then `after` turns the result into the network image.
  let from: ImageData8 = src;
  let rw = W, rh = H;
  let after: (resized: ImageData8) => ImageData8 = (im) => im;
  let contentWidth = W, contentHeight = H, scaleX = sw / W, scaleY = sh / H;
  if (fit === 'letterbox') {
    const s = Math.min(W / sw, H / sh);
    rw = Math.min(W, Math.max(1, Math.round(sw * s)));
    rh = Math.min(H, Math.max(1, Math.round(sh * s)));
    contentWidth = rw;
    contentHeight = rh;
    scaleX = sw / rw;
    scaleY = sh / rh;
    if (rw !== W || rh !== H) {
      after = (content) => padImage(content, { right: W - rw, bottom: H - rh }, { mode, value, out: take(scratch, 'padded', W * H * c) });
    }
  } else if (fit === 'pad-to-multiple') {
    const m = options.multiple ?? spec.dynamicMultiple ?? 32;
    const right = (m - (sw % m)) % m, bottom = (m - (sh % m)) % m;
    const pw = sw + right, ph = sh + bottom;
    if (right > 0 || bottom > 0) from = padImage(src, { right, bottom }, { mode, value, out: take(before, 'padded', pw * ph * c) });
    contentWidth = (sw * W) / pw;
    contentHeight = (sh * H) / ph;
    scaleX = pw / W;
    scaleY = ph / H;
  }

  const finish = (resized: ImageData8): PreparedInput => {
    const net = after(resized);
    const tensor = imageToTensor(net, { mean: spec.mean, std: spec.std, channelOrder: spec.channelOrder, ...(options.out ? { out: options.out } : {}) });
    return { tensor, image: net, contentWidth, contentHeight, scaleX, scaleY, offsetX, offsetY };
  };
  if (from.width === rw && from.height === rh) return finish(from);
  if (resampler === 'sharp') return resizeWithSharp(from, rw, rh, { kernel: 'lanczos3' }).then(finish);
  const out = take(scratch, 'resized', rw * rh * c);
  return finish(resizeImage(from, rw, rh, { kernel: resampler, ...(out ? { out } : {}) }));
}

/** The `'area'` path: the fit's geometry handed to one {@link resizeToTensor} pass. */
function fused(image: ImageData8, spec: PrepareInputSpec, options: PrepareInputOptions, W: number, H: number, fit: InputFit, cubic: boolean): PreparedInput {
  const { region } = options;
  const sw = region ? region.width : image.width, sh = region ? region.height : image.height;
  const offsetX = region ? region.x : 0;
  const offsetY = region ? region.y : 0;
  let contentWidth = W, contentHeight = H, scaleX = sw / W, scaleY = sh / H;
  let domainWidth = sw, domainHeight = sh;
  if (fit === 'letterbox') {
    const s = Math.min(W / sw, H / sh);
    contentWidth = Math.min(W, Math.max(1, Math.round(sw * s)));
    contentHeight = Math.min(H, Math.max(1, Math.round(sh * s)));
    scaleX = sw / contentWidth;
    scaleY = sh / contentHeight;
  } else if (fit === 'pad-to-multiple') {
    const m = options.multiple ?? spec.dynamicMultiple ?? 32;
    domainWidth = sw + ((m - (sw % m)) % m);
    domainHeight = sh + ((m - (sh % m)) % m);
    scaleX = domainWidth / W;
    scaleY = domainHeight / H;
  }
  const scratch = options.scratch ? (options.scratch.fused ??= {}) : undefined;
  const tensor = resizeToTensorUnchecked(image, {
    width: W,
    height: H,
    ...(region ? { region } : {}),
    domainWidth,
    domainHeight,
    contentWidth,
    contentHeight,
    padding: options.padding ?? 'constant',
    padValue: options.padValue ?? 0,
    mean: spec.mean,
    std: spec.std,
    channelOrder: spec.channelOrder,
    enlarge: cubic ? 'bicubic' : 'bilinear',
    ...(options.out ? { out: options.out } : {}),
    ...(scratch ? { scratch } : {}),
  });
  if (fit === 'pad-to-multiple') {
    contentWidth = (sw * W) / domainWidth;
    contentHeight = (sh * H) / domainHeight;
  }
  return { tensor, contentWidth, contentHeight, scaleX, scaleY, offsetX, offsetY };
}
