import { assertInRange, assertObject, type ImageData8, type ModelInputSpec, type Tensor } from '@facepipe/core';
import { FaceDetector } from '@facepipe/detector';
import { faceCropToTensor } from './face-crop-to-tensor.js';

/** Options of {@link faceCropPreprocess}. */
export interface FaceCropPreprocessOptions {
  /** Input spec of the landmark model (registry entry's `input`). */
  readonly input: ModelInputSpec;
  /** Crop side = max(w, h) * cropScale around each box (default 1, PFLD-GhostOne's best). */
  readonly cropScale?: number;
  /** Detector model giving the boxes (default `ultraface-rfb-320`, fp32). */
  readonly detectorModel?: string;
  /** Faces smaller than this (px, shorter side) are skipped (default 40). */
  readonly minFaceSize?: number;
}

/** A frame → face-crop inputs function (fits quantize's `CalibrationPreprocess`) and the release of its detector. */
export interface FaceCropPreprocess {
  /** One model input per detected face of at least `minFaceSize`, in detector order. */
  readonly preprocess: (frame: ImageData8) => Promise<Tensor<'float32'>[]>;
  /** Free the detector session. */
  readonly dispose: () => Promise<void>;
}

/**
 * Calibration preprocessing for the landmark models: detect faces with an fp32 detector and turn
 * every face into a model input exactly as the landmark stage does ({@link faceCropToTensor}: square
 * of side `max(w, h) * cropScale` around the box, black outside the frame, antialiased area resize (bicubic when enlarging), the
 * spec's normalisation). Pass `preprocess` to quantize's `loadCalibrationSamples`.
 *
 * ## Example
 * ```ts
 * const crops = await faceCropPreprocess({ input: modelRegistry.get('pfld-ghostone-98')!.input });
 * const samples = await loadCalibrationSamples(folder, undefined, { preprocess: crops.preprocess, maxSamples: 16 });
 * await crops.dispose();
 * ```
 * @throws {TypeError | RangeError} for invalid options.
 * @throws {ModelLoadError} when the detector model cannot be loaded.
 */
export async function faceCropPreprocess(options: FaceCropPreprocessOptions): Promise<FaceCropPreprocess> {
  assertObject(options, 'options');
  assertObject(options.input, 'options.input');
  const { input } = options;
  const scale = options.cropScale ?? 1;
  assertInRange(scale, 'cropScale', 0.1, 10);
  const minSize = options.minFaceSize ?? 40;
  assertInRange(minSize, 'minFaceSize', 0, 1e6);
  const detector = await FaceDetector.create({ model: options.detectorModel ?? 'ultraface-rfb-320', workers: 0 });
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
  return { preprocess, dispose: () => detector.dispose() };
}
