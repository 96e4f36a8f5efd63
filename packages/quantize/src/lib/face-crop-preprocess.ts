import { cropImage, imageToTensor, resizeImage, type ModelInputSpec, type Tensor } from '@facepipe/core';
import { FaceDetector } from '@facepipe/detector';
import { faceCropRect } from '@facepipe/landmarks';
import type { CalibrationPreprocess } from './load-calibration-samples.js';

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

/**
 * Calibration preprocessing for face-crop models (landmarks, head pose): detect faces with an fp32
 * detector and turn every face into a model input the way the landmark stage does (square of side
 * `max(w, h) * cropScale` around the box, black outside the frame, bicubic resize, the spec's
 * normalisation). Returns the preprocess function and a `dispose` for the detector session.
 *
 * ## Example
 * ```ts
 * const crops = await faceCropPreprocess({ input: modelRegistry.get('pfld-ghostone-98')!.input });
 * const samples = await loadCalibrationSamples(folder, undefined, { preprocess: crops.preprocess, maxSamples: 16 });
 * await crops.dispose();
 * ```
 * @throws {ModelLoadError} when the detector model cannot be loaded.
 */
export async function faceCropPreprocess(options: FaceCropPreprocessOptions): Promise<{ preprocess: CalibrationPreprocess; dispose: () => Promise<void> }> {
  const { input } = options;
  const detector = await FaceDetector.create({ model: options.detectorModel ?? 'ultraface-rfb-320', workers: 0 });
  const minSize = options.minFaceSize ?? 40;
  const preprocess: CalibrationPreprocess = async (frame) => {
    const out: Tensor<'float32'>[] = [];
    for (const face of await detector.detect(frame)) {
      const [x1, y1, x2, y2] = face.box;
      if (Math.min(x2 - x1, y2 - y1) < minSize) continue;
      const rect = faceCropRect(face.box, { shape: 'square', scale: options.cropScale ?? 1 });
      const crop = resizeImage(cropImage(frame, rect), input.width, input.height, { kernel: 'bicubic' });
      out.push(imageToTensor(crop, { mean: input.mean, std: input.std, channelOrder: input.channelOrder }));
    }
    return out;
  };
  return { preprocess, dispose: () => detector.dispose() };
}
