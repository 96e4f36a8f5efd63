import { assertInRange, assertObject, expectedMessage, type Face, type ImageData8, type ModelInputSpec, type Tensor } from '@facepipe/core';
import { faceCropToTensor } from './face-crop-to-tensor.js';

/** Options of {@link faceCropPreprocess}. */
export interface FaceCropPreprocessOptions {
  /** Input spec of the landmark model (registry entry's `input`). */
  readonly input: ModelInputSpec;
  /** Crop side = max(w, h) * cropScale around each box (default 1, PFLD-GhostOne's best). */
  readonly cropScale?: number;
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
 * Calibration preprocessing for the landmark models: detect faces with an fp32 detector and turn
 * every face into a model input exactly as the landmark stage does ({@link faceCropToTensor}: square
 * of side `max(w, h) * cropScale` around the box, black outside the frame, antialiased area resize (bicubic when enlarging), the
 * spec's normalisation). Pass `preprocess` to quantize's `loadCalibrationSamples`.
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
  const { detector } = options;
  if (detector === null || typeof detector !== 'object' || typeof detector.detect !== 'function') throw new TypeError(expectedMessage('detector', 'an object with a detect(image) method (e.g. a FaceDetector)', detector));
  const policy = { shape: 'square', scale } as const;
  const preprocess = async (frame: ImageData8): Promise<Tensor<'float32'>[]> => {
    const out: Tensor<'float32'>[] = [];
    for (const face of await detector.detect(frame)) {
      const [x1, y1, x2, y2] = face.box;
      if (Math.min(x2 - x1, y2 - y1) < minSize) continue;
      out.push(faceCropToTensor(frame, face.box, input, { policy, resampler: 'area-bicubic' }).tensor);
    }
    return out;
  };
  return { preprocess };
}
