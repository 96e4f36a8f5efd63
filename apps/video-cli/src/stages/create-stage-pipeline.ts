import { modelRegistry, type Frame } from '@facepipe/core';
import { detectFaces, FaceDetector, trackFaces } from '@facepipe/detector';
import { createFsanetPoseEstimator, createLandmarkDetector, detectLandmarks, estimatePose, type FsanetPoseEstimator, type LandmarkDetector, type LandmarkPresetId } from '@facepipe/landmarks';
import { PortraitSegmenter, segmentPortrait, writeMaskPng, type Mask } from '@facepipe/segmentation';
import { pipe, type OperatorFunction } from 'rxjs';
import type { RunOptions } from '../commands/run/run-options.js';
import type { FrameMask, StagePipeline } from './stage-pipeline.js';
import { stageModel } from './stage-model.js';
import { stageModelOptions } from './stage-model-options.js';
import { UsageError } from '../shared/usage-error.js';

/**
 * Detector and tracker settings of `facepipe run` (tuned on the generated pan/zoom clips, checked
 * on the shared videos): the detector keeps faces from 0.5; faces below 0.6 only continue tracks
 * (ByteTrack); ids after 3 consecutive sightings, given back to the first frames.
 */
export const TRACKING = { detectorScore: 0.5, highScore: 0.6, minHits: 3 } as const;

/** Settings {@link createStagePipeline} uses. */
export type StagePipelineOptions = Pick<RunOptions, 'stages' | 'detector' | 'landmarks' | 'pose' | 'segmenter' | 'int8' | 'workers' | 'detectorFamily' | 'landmarksFamily' | 'segmenterFamily'> & {
  /** Decoded frames allowed in flight (`--max-in-flight`): the tracker holds back at most this many minus one. */
  readonly maxInFlight?: number;
  readonly threads?: number;
  /** Frames in flight per stage (default: workers + 1, so a stage's workers never wait for the main thread's pre/post-processing; 1 in-process). */
  readonly concurrency?: number;
};

/**
 * Open the models of the requested stages once and return the per-input operator factory:
 * `detectFaces` → `trackFaces` → `detectLandmarks` → `estimatePose` → `segmentPortrait`, each with
 * `workers` inference threads and `concurrency` frames in flight (order preserved by the operators).
 * Every model, FSA-Net included, is opened once here and shared by all inputs of a batch.
 *
 * ## Example
 * ```ts
 * const p = await createStagePipeline({ stages: ['detect'], detector: 'ultraface-rfb-320', workers: 1, ... });
 * readFrames('clip.mp4').pipe(p.operator());
 * await p.dispose();
 * ```
 * @throws {ModelLoadError} when a model cannot be found or loaded (with `int8`: no quantized file).
 * @throws {UsageError} for `--pose model` with a landmark model that has no pose output.
 */
export async function createStagePipeline(options: StagePipelineOptions): Promise<StagePipeline> {
  const stages = new Set(options.stages);
  const workers = options.workers;
  const threads = options.threads !== undefined ? { intraOpThreads: options.threads } : {};
  const disposers: (() => Promise<void>)[] = [];
  const dispose = async (): Promise<void> => {
    for (const d of disposers.splice(0).reverse()) await d();
  };
  try {
    let detector: FaceDetector | undefined;
    let landmarks: LandmarkDetector | undefined;
    let segmenter: PortraitSegmenter | undefined;
    if (stages.has('detect')) {
      const m = await stageModel(options.detector, options.int8, { task: 'face-detection', flag: '--detector', family: options.detectorFamily });
      detector = await FaceDetector.create({ model: m.model, workers, ...threads, ...stageModelOptions(m).detector, scoreThreshold: TRACKING.detectorScore });
      disposers.push(() => detector!.dispose());
    }
    if (stages.has('landmarks') || (stages.has('pose') && options.pose !== 'fsanet')) {
      const m = await stageModel(options.landmarks, options.int8, { task: 'landmarks', flag: '--landmarks', family: options.landmarksFamily });
      const preset = m.model !== m.base && modelRegistry.get(m.base) ? { preset: m.base as LandmarkPresetId } : stageModelOptions(m).landmarks;
      landmarks = await createLandmarkDetector({ model: m.model, workers, ...threads, ...preset });
      disposers.push(() => landmarks!.dispose());
      if (stages.has('pose') && options.pose === 'model' && !landmarks.spec.pose) {
        throw new UsageError(`--pose model needs a landmark model with a pose output (e.g. pfpld); ${landmarks.modelId} has none. Use --pose fsanet or --pose pnp.`);
      }
    }
    if (stages.has('segment')) {
      const m = await stageModel(options.segmenter, options.int8, { task: 'segmentation', flag: '--segmenter', family: options.segmenterFamily, required: true });
      segmenter = await PortraitSegmenter.create({ model: m.model, workers, ...threads, ...stageModelOptions(m).segmenter });
      disposers.push(() => segmenter!.dispose());
    }
    const concurrency = options.concurrency ?? (workers === 0 ? 1 : workers + 1);
    const ops: OperatorFunction<Frame, Frame>[] = [];
    if (detector) {
      // Held-back frames are not released, so confirmation may wait for at most maxInFlight - 1 frames.
      ops.push(detectFaces({ detector, concurrency }), trackFaces({ highScore: TRACKING.highScore, minHits: Math.min(TRACKING.minHits, options.maxInFlight ?? TRACKING.minHits) }));
    }
    if (landmarks) ops.push(detectLandmarks({ detector: landmarks, concurrency }));
    if (stages.has('pose')) {
      let estimator: FsanetPoseEstimator | undefined;
      if (options.pose === 'fsanet') {
        const fsanetModels = options.int8 ? await Promise.all(['fsanet-1x1', 'fsanet-var'].map(async (id) => (await stageModel(id, true)).model)) : undefined;
        const est = await createFsanetPoseEstimator({ workers, ...threads, ...(fsanetModels ? { models: fsanetModels } : {}) });
        disposers.push(() => est.dispose());
        estimator = est;
      }
      ops.push(estimatePose({ method: options.pose, concurrency, ...(estimator ? { estimator } : {}) }));
    }
    if (segmenter) ops.push(segmentPortrait({ segmenter, concurrency }));
    return {
      stages: [...options.stages],
      operator: () => (ops.length === 0 ? (s) => s : (pipe as (...f: OperatorFunction<Frame, Frame>[]) => OperatorFunction<Frame, Frame>)(...ops)),
      mask: (frame: Frame): FrameMask | undefined => {
        const m: Mask | undefined = frame.results.mask;
        if (!m) return undefined;
        return { width: m.width, height: m.height, data: m.data, coverage: m.coverage, png: () => writeMaskPng(m) };
      },
      dispose,
    };
  } catch (err) {
    await dispose();
    throw err;
  }
}
