import { assertInRange, assertObject, assertOneOf, expectedMessage, type Face, type ImageData8, type ModelInputSpec, type ModelSpec, type Tensor } from '@facepipe/core';
import { faceCropToTensor } from './face-crop-to-tensor.js';
import { isLandmarkHead } from '../models/landmark-head.js';
import { isHeadPoseHead } from '../models/fsanet/fsanet-models.js';
import { FSANET_CROP_SCALE } from './fsanet-pose-estimator.js';

/** Options of {@link faceCropPreprocess}. */
export interface FaceCropPreprocessOptions {
  /** Input spec of the landmark model (registry entry's `input`). */
  readonly input: ModelInputSpec;
  /** Crop side = max(w, h) * cropScale around each box (default 1, PFLD-GhostOne's best); with `shape: 'box'` the box scaled about its centre. */
  readonly cropScale?: number;
  /** `'square'` (default): the landmark stage's square crop; `'box'`: the box itself, not squared (FSA-Net's pose stage). */
  readonly shape?: 'square' | 'box';
  /** Resize of the crop (default `'area-bicubic'`, the landmark stage's; the pose stage uses `'area'`). */
  readonly resampler?: 'area' | 'area-bicubic';
  /**
   * Gives the boxes, e.g. an fp32 `FaceDetector` from `@facepipe/detector` (landmarks depends on core
   * alone, so the caller creates it, and disposes it when done).
   */
  readonly detector: { detect(image: ImageData8): Promise<readonly Face[]> };
  /** Faces smaller than this (px, shorter side) are skipped (default 40). */
  readonly minFaceSize?: number;
}

/** A frame → face-crop inputs function (fits quantize's `CalibrationPreprocess`). */
export interface FaceCropPreprocess {
  /** One model input per detected face of at least `minFaceSize`, in detector order. */
  readonly preprocess: (frame: ImageData8) => Promise<Tensor<'float32'>[]>;
}

/**
 * The crop the stage that runs a registered model feeds it, as {@link faceCropPreprocess} options,
 * so calibration sees what inference sees: a landmark head's square of `max(w, h) * cropScale`
 * resized `'area-bicubic'` (the landmark stage), a head-pose head's box scaled by
 * {@link FSANET_CROP_SCALE} resized `'area'` (the pose stage); `{}` for other models.
 *
 * ## Example
 * ```ts
 * const spec = modelRegistry.get('fsanet-var')!;
 * const crops = await faceCropPreprocess({ input: spec.input, detector, ...stageFaceCrop(spec) }); // box x1.2, 'area'
 * ```
 */
export function stageFaceCrop(spec: Pick<ModelSpec, 'head'>): Pick<FaceCropPreprocessOptions, 'cropScale' | 'shape' | 'resampler'> {
  if (isLandmarkHead(spec.head)) return { shape: 'square', cropScale: spec.head.cropScale, resampler: 'area-bicubic' };
  if (isHeadPoseHead(spec.head)) return { shape: 'box', cropScale: FSANET_CROP_SCALE, resampler: 'area' };
  return {};
}

/**
 * Calibration preprocessing for the landmark and head-pose models: detect faces with an fp32 detector and turn
 * every face into a model input exactly as the landmark stage does ({@link faceCropToTensor}: square
 * of side `max(w, h) * cropScale` around the box, black outside the frame, antialiased area resize (bicubic when enlarging), the
 * spec's normalisation), or with `shape`/`resampler` as another stage does ({@link stageFaceCrop}
 * gives a registered model's). Pass `preprocess` to quantize's `loadCalibrationSamples`.
 *
 * ## Example
 * ```ts
 * const detector = await FaceDetector.create({ workers: 0 });
 * const crops = await faceCropPreprocess({ input: modelRegistry.get('pfld-ghostone-98')!.input, detector });
 * const samples = await loadCalibrationSamples(folder, undefined, { preprocess: crops.preprocess, maxSamples: 16 });
 * await detector.dispose();
 * ```
 * @throws {TypeError | RangeError} for invalid options.
 */
export async function faceCropPreprocess(options: FaceCropPreprocessOptions): Promise<FaceCropPreprocess> {
  assertObject(options, 'options');
  assertObject(options.input, 'options.input');
  const { input } = options;
  const scale = options.cropScale ?? 1;
  assertInRange(scale, 'cropScale', 0.1, 10);
  const minSize = options.minFaceSize ?? 40;
  assertInRange(minSize, 'minFaceSize', 0, 1e6);
  const shape = options.shape ?? 'square';
  assertOneOf(shape, 'shape', ['square', 'box'] as const);
  const resampler = options.resampler ?? 'area-bicubic';
  assertOneOf(resampler, 'resampler', ['area', 'area-bicubic'] as const);
  const { detector } = options;
  if (detector === null || typeof detector !== 'object' || typeof detector.detect !== 'function') throw new TypeError(expectedMessage('detector', 'an object with a detect(image) method (e.g. a FaceDetector)', detector));
  const policy = { shape, scale } as const;
  const preprocess = async (frame: ImageData8): Promise<Tensor<'float32'>[]> => {
    const out: Tensor<'float32'>[] = [];
    for (const face of await detector.detect(frame)) {
      const [x1, y1, x2, y2] = face.box;
      if (Math.min(x2 - x1, y2 - y1) < minSize) continue;
      out.push(faceCropToTensor(frame, face.box, input, { policy, resampler }).tensor);
    }
    return out;
  };
  return { preprocess };
}
