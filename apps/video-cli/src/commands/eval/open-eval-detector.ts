import { FaceDetector } from '@facepipe/detector';
import { stageModel } from '../../stages/stage-model.js';
import { stageModelOptions } from '../../stages/stage-model-options.js';
import type { EvalOptions } from './eval-options.js';

/**
 * The face detector of an eval run (in-process, `--threshold` applied, int8 variant with `--int8`).
 *
 * ## Example
 * ```ts
 * const det = await openEvalDetector(options); // ... det.detect(frame) ...; await det.dispose();
 * ```
 * @throws {ModelLoadError} when the model cannot be found or loaded.
 */
export async function openEvalDetector(options: EvalOptions): Promise<FaceDetector> {
  const m = await stageModel(options.detector, options.int8, { task: 'face-detection', flag: '--detector', family: options.detectorFamily });
  return FaceDetector.create({ model: m.model, workers: 0, ...stageModelOptions(m).detector, ...(options.threshold !== undefined ? { scoreThreshold: options.threshold } : {}) });
}
