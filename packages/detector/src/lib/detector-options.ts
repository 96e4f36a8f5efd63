import { assertInRange, assertInteger, assertNumber, assertObject, assertOneOf, assertString, assertStringArray, expectedMessage } from '@facepipe/core';
import { NMS_METHODS, type NmsMethod } from './nms.js';
import { DEFAULT_DETECTOR_MODEL } from '../models/ultraface/ultraface-models.js';

/** Decoder family of a detector model. */
export type DetectorFamily = 'ultraface' | 'ultraface-raw' | 'yunet';

/** Options of {@link FaceDetector.create}. */
export interface FaceDetectorOptions {
  /** Registry id, path, or the bytes of a detector model (default {@link DEFAULT_DETECTOR_MODEL}, `'ultraface-rfb-320'`). */
  readonly model?: string | Uint8Array;
  /** Folders searched for registry models before the cache (default: `FACEPIPE_MODELS`). */
  readonly modelDirs?: readonly string[];
  /** Worker threads running the model (default 1; 0 = in this thread). */
  readonly workers?: number;
  /** Intra-op threads per session. */
  readonly intraOpThreads?: number;
  /** Minimum face score, in [0, 1] (default 0.6, the reference setting). */
  readonly scoreThreshold?: number;
  /** NMS IoU threshold, in [0, 1] (default 0.3, the reference setting). */
  readonly iouThreshold?: number;
  /** NMS variant (default `'hard'`). */
  readonly nms?: NmsMethod;
  /** Gaussian soft-NMS sigma (default 0.5). */
  readonly sigma?: number;
  /** Keep at most this many faces per frame (default: all). */
  readonly topK?: number;
  /** Drop faces whose shorter side (frame pixels, after clamping) is below this (default 0). */
  readonly minFaceSize?: number;
  /**
   * Network input size. Fixed-size models only accept their own size; dynamic ones (`yunet-dynamic`)
   * accept multiples of 32. Default: the model's size.
   */
  readonly inputSize?: { readonly width: number; readonly height: number };
  /** How a frame is fitted to the input: squash (ignore aspect) or letterbox (pad right/bottom). Default: the model's policy. */
  readonly resize?: 'squash' | 'letterbox';
  /**
   * How frames are scaled to the input: `'area'` (default: core's fused `resizeToTensor`, an area
   * filter sized to the scale, so any shrink antialiases; synchronous, pooled buffers, one pass
   * from frame pixels to the input tensor), `'bilinear'` (core's `resizeBilinear`, does not
   * antialias: shrinking by more than ~2x loses small faces) or `'sharp'` (libvips lanczos3,
   * antialiased, asynchronous, slower).
   */
  readonly resampler?: 'area' | 'bilinear' | 'sharp';
  /** Pixel value of letterbox padding (default 0). */
  readonly padValue?: number;
  /** For UltraFace files not in the registry: whether `boxes` are decoded in-graph. Default: probed once at load. */
  readonly decoded?: boolean;
}

/** Detector settings in effect (options with defaults filled in). */
export interface DetectorSettings {
  readonly scoreThreshold: number;
  readonly iouThreshold: number;
  readonly nms: NmsMethod;
  readonly sigma: number;
  readonly topK: number;
  readonly minFaceSize: number;
  readonly resize: 'squash' | 'letterbox';
  readonly padValue: number;
  readonly resampler: 'area' | 'bilinear' | 'sharp';
}

/** Core's messages print NaN as `null` (JSON); name it explicitly. */
function rejectNaN(options: FaceDetectorOptions): void {
  for (const key of ['workers', 'intraOpThreads', 'scoreThreshold', 'iouThreshold', 'sigma', 'topK', 'minFaceSize', 'padValue'] as const) {
    if (Number.isNaN(options[key])) throw new RangeError(`Expected \`${key}\` to be a number, got \`NaN\` (number)`);
  }
}

/** Validate {@link FaceDetectorOptions} once, at `FaceDetector.create`. @internal */
export function validateOptions(options: FaceDetectorOptions): void {
  assertObject(options as unknown, 'options');
  rejectNaN(options);
  if (options.model !== undefined && !(options.model instanceof Uint8Array)) assertString(options.model, 'model');
  if (options.modelDirs !== undefined) assertStringArray(options.modelDirs, 'modelDirs');
  if (options.workers !== undefined) assertInteger(options.workers, 'workers', 0, 64);
  if (options.intraOpThreads !== undefined) assertInteger(options.intraOpThreads, 'intraOpThreads', 1, 256);
  if (options.scoreThreshold !== undefined) assertInRange(options.scoreThreshold, 'scoreThreshold', 0, 1);
  if (options.iouThreshold !== undefined) assertInRange(options.iouThreshold, 'iouThreshold', 0, 1);
  if (options.nms !== undefined) assertOneOf(options.nms, 'nms', NMS_METHODS);
  if (options.sigma !== undefined) {
    assertNumber(options.sigma, 'sigma');
    if (options.sigma <= 0) throw new RangeError(expectedMessage('sigma', 'a number > 0', options.sigma));
  }
  if (options.topK !== undefined && options.topK !== Infinity) assertInteger(options.topK, 'topK', 1);
  if (options.minFaceSize !== undefined) {
    assertNumber(options.minFaceSize, 'minFaceSize');
    if (options.minFaceSize < 0) throw new RangeError(expectedMessage('minFaceSize', 'a number >= 0', options.minFaceSize));
  }
  if (options.inputSize !== undefined) {
    assertObject(options.inputSize as unknown, 'inputSize');
    assertInteger(options.inputSize.width, 'inputSize.width', 1, 8192);
    assertInteger(options.inputSize.height, 'inputSize.height', 1, 8192);
  }
  if (options.resize !== undefined) assertOneOf(options.resize, 'resize', ['squash', 'letterbox']);
  if (options.resampler !== undefined) assertOneOf(options.resampler, 'resampler', ['area', 'bilinear', 'sharp']);
  if (options.padValue !== undefined) assertInRange(options.padValue, 'padValue', 0, 255);
  if (options.decoded !== undefined && typeof options.decoded !== 'boolean') throw new TypeError(expectedMessage('decoded', 'a boolean', options.decoded));
}
