import { discardPrewarmedWorkers, inParallel, threadBudget, withResults, type Frame } from '@facepipe/core';
import type { FaceDetector } from '@facepipe/detector';
import type { FsanetPoseEstimator, LandmarkDetector } from '@facepipe/landmarks';
import { DEFAULT_POSE_MODELS } from '@facepipe/landmarks/models';
import type { Mask, PortraitSegmenter } from '@facepipe/segmentation';
import { pipe, type OperatorFunction } from '../shared/rxjs.js';
import type { RunOptions } from '../commands/run/run-options.js';
import type { FrameMask, StagePipeline } from './stage-pipeline.js';
import { int8Variants } from './int8-variants.js';
import { stageModel } from './stage-model.js';
import { stageModelOptions } from './stage-model-options.js';
import { UsageError } from '../shared/usage-error.js';
import { sessionKinds, type SessionKind } from './session-kinds.js';

/**
 * Detector and tracker settings of `facepipe run` (tuned on the generated pan/zoom clips, checked
 * on the shared videos): the detector keeps faces from 0.5; faces below 0.6 only continue tracks
 * (ByteTrack); ids after 3 consecutive sightings, given back to the first frames.
 */
export const TRACKING = { detectorScore: 0.5, highScore: 0.6, minHits: 3 } as const;

/** Settings {@link createStagePipeline} uses. */
export type StagePipelineOptions = Pick<RunOptions, 'stages' | 'detector' | 'landmarks' | 'pose' | 'segmenter' | 'int8' | 'workers' | 'detectorFamily' | 'landmarksFamily' | 'segmenterFamily' | 'mode' | 'detectEvery' | 'live'> & {
  /** Decoded frames allowed in flight (`--max-in-flight`): the tracker holds back at most this many minus one. */
  readonly maxInFlight?: number;
  readonly threads?: number;
  /** Frames in flight per stage (default: workers + 1, so a stage's workers never wait for the main thread's pre/post-processing; 1 in-process). */
  readonly concurrency?: number;
};

/**
 * Relative per-frame cost of each stage's session on the hamilton clip (RFB-320 ~6 ms a frame,
 * GhostOne ~2 ms and FSA-Net (both heads) ~1.2 ms a face at 1.6 faces a frame, Prisma-Net ~33 ms):
 * how {@link threadBudget} shares spare cores among the sessions of a pipeline.
 */
export const STAGE_WEIGHTS = { detect: 6, landmarks: 3, fsanet: 2, segment: 33 } as const;


/**
 * Open the models of the requested stages once and return the per-input operator factory:
 * `detectFaces` → `trackFaces` → `detectLandmarks` → `estimatePose`, with `segmentPortrait` beside them
 * on the same frames ({@link inParallel}: it needs no faces, so a frame waits for the slower branch, not
 * for both in turn), each with `workers` inference threads and `concurrency` frames in flight (order
 * preserved by the operators).
 * Every model, FSA-Net included, is opened once here and shared by all inputs of a batch. With
 * `mode: 'video'` and both face models, a video input's `detectFaces` → `trackFaces` →
 * `detectLandmarks` become `trackLandmarks` (detector every `detectEvery` frames, crops placed from
 * the landmarks in between) → `trackFaces`; images keep the exact path.
 *
 * Start-up and threads: only the models of the chosen stages are opened, all at the same time;
 * intra-op threads come from one {@link threadBudget} over every session of the
 * pipeline (with `--workers 1` on 2 cores: detect-only gets 2 threads, three or four models 1 each,
 * never the old `cores / workers` per session), unless `threads` (`--threads`) fixes them. In-process
 * sessions (`workers: 0`) run one at a time and keep onnxruntime's default.
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
  const kinds = sessionKinds(options);
  const wanted = (k: SessionKind): boolean => kinds.includes(k);
  const budget = options.threads === undefined && workers > 0 ? threadBudget(kinds.map((k) => STAGE_WEIGHTS[k]), { workers }) : undefined;
  const threads = (k: SessionKind): { intraOpThreads?: number } =>
    options.threads !== undefined ? { intraOpThreads: options.threads } : budget ? { intraOpThreads: budget[kinds.indexOf(k)]! } : {};

  // start-up: each stage package loads only when its stage runs (detect-only loads neither landmarks nor segmentation)
  const detectorLib = stages.has('detect') ? import('@facepipe/detector') : undefined;
  const landmarksLib = stages.has('landmarks') || stages.has('pose') ? import('@facepipe/landmarks') : undefined;
  const segmentationLib = stages.has('segment') ? import('@facepipe/segmentation') : undefined;
  for (const lib of [detectorLib, landmarksLib, segmentationLib]) lib?.catch(() => undefined); // awaited where used

  const openDetector = async (): Promise<FaceDetector> => {
    const { FaceDetector } = await detectorLib!;
    const m = await stageModel(options.detector, options.int8, { task: 'face-detection', flag: '--detector', family: options.detectorFamily });
    return FaceDetector.create({ model: m.model, workers, ...threads('detect'), ...stageModelOptions(m).detector, scoreThreshold: TRACKING.detectorScore });
  };
  const openLandmarks = async (): Promise<LandmarkDetector> => {
    const { LandmarkDetector } = await landmarksLib!;
    const m = await stageModel(options.landmarks, options.int8, { task: 'landmarks', flag: '--landmarks', family: options.landmarksFamily });
    return LandmarkDetector.create({ model: m.model, workers, ...threads('landmarks'), ...stageModelOptions(m).landmarks });
  };
  const openFsanet = async (): Promise<FsanetPoseEstimator> => {
    const { FsanetPoseEstimator } = await landmarksLib!;
    const models = options.int8 ? await Promise.all(DEFAULT_POSE_MODELS.map(async (id) => (await stageModel(id, true)).model)) : undefined;
    return FsanetPoseEstimator.create({ workers, ...threads('fsanet'), ...(models ? { models } : {}) });
  };
  const openSegmenter = async (): Promise<PortraitSegmenter> => {
    const { PortraitSegmenter } = await segmentationLib!;
    const m = await stageModel(options.segmenter, options.int8, { task: 'segmentation', flag: '--segmenter', family: options.segmenterFamily, required: true });
    return PortraitSegmenter.create({ model: m.model, workers, ...threads('segment'), ...stageModelOptions(m).segmenter });
  };

  if (options.int8) {
    // find every stage's int8 file before opening any model: one error lists all that are missing
    await int8Variants([
      ...(wanted('detect') ? [options.detector] : []),
      ...(wanted('landmarks') ? [options.landmarks] : []),
      ...(wanted('fsanet') ? DEFAULT_POSE_MODELS : []),
      ...(wanted('segment') ? [options.segmenter] : []),
    ]);
  }

  // all models load at once; if one fails, the others are closed again
  const opening = [wanted('detect') ? openDetector() : undefined, wanted('landmarks') ? openLandmarks() : undefined, wanted('fsanet') ? openFsanet() : undefined, wanted('segment') ? openSegmenter() : undefined] as const;
  const settled = await Promise.allSettled(opening.map((p) => p ?? Promise.resolve(undefined)));
  // every pool has taken the prewarmed workers it needs (the command line starts them early, see cli-actions.ts)
  await discardPrewarmedWorkers();
  const disposers: (() => Promise<void>)[] = [];
  for (const r of settled) if (r.status === 'fulfilled' && r.value) disposers.push(() => r.value!.dispose());
  const dispose = async (): Promise<void> => {
    for (const d of disposers.splice(0).reverse()) await d();
  };
  try {
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const value = <T>(i: number): T | undefined => (settled[i] as PromiseFulfilledResult<T | undefined>).value;
    const detector = value<FaceDetector>(0);
    const landmarks = value<LandmarkDetector>(1);
    const estimator = value<FsanetPoseEstimator>(2);
    const segmenter = value<PortraitSegmenter>(3);
    if (landmarks && stages.has('pose') && options.pose === 'model' && !landmarks.spec.pose) {
      throw new UsageError(`--pose model needs a landmark model with a pose output (e.g. pfpld); ${landmarks.modelId} has none. Use --pose fsanet or --pose pnp.`);
    }
    const [det, lmk, seg] = await Promise.all([detectorLib, landmarksLib, segmentationLib]);
    const concurrency = options.concurrency ?? (workers === 0 ? 1 : workers + 1);
    // Held-back frames are not released, so confirmation may wait for at most maxInFlight - 1 frames;
    // a live result never waits for a later frame (the in-flight frames overlap stages instead).
    const tracker = { highScore: TRACKING.highScore, minHits: options.live ? 1 : Math.min(TRACKING.minHits, options.maxInFlight ?? TRACKING.minHits) };
    const ops: OperatorFunction<Frame, Frame>[] = [];
    if (detector) ops.push(det!.detectFaces({ detector, concurrency }), det!.trackFaces(tracker));
    if (landmarks) ops.push(lmk!.detectLandmarks({ detector: landmarks, concurrency }));
    // Video mode replaces the first three operators, detect → track → landmarks (it needs both models; without them videos take the exact path too).
    const videoFaces = (): OperatorFunction<Frame, Frame>[] | undefined =>
      options.mode === 'video' && detector && landmarks
        ? [lmk!.trackLandmarks({ detector, landmarks, ...(options.detectEvery !== undefined ? { detectEvery: options.detectEvery } : {}) }), det!.trackFaces(tracker)]
        : undefined;
    if (stages.has('pose')) ops.push(lmk!.estimatePose({ method: options.pose, concurrency, ...(estimator ? { estimator } : {}) }));
    // Segmentation needs no faces: it runs beside the face stages on the same frames (a frame waits for
    // the slower branch, not for both in turn: start-up and live latency), its mask merged in after.
    const segment = segmenter ? seg!.segmentPortrait({ segmenter, concurrency }) : undefined;
    const withMask = (faces: Frame, masked: Frame): Frame => {
      if (faces.index !== masked.index) throw new Error(`Expected the face and segmentation stages to emit the same frame, got frames ${faces.index} and ${masked.index}`);
      return withResults(faces, { mask: masked.results.mask });
    };
    const modelOf: Record<SessionKind, string | undefined> = { detect: detector ? (detector.spec?.id ?? options.detector) : undefined, landmarks: landmarks?.modelId, fsanet: estimator?.modelIds.join('+'), segment: segmenter?.modelId };
    const compose = (list: OperatorFunction<Frame, Frame>[]): OperatorFunction<Frame, Frame> =>
      list.length === 0 ? (s) => s : (pipe as (...f: OperatorFunction<Frame, Frame>[]) => OperatorFunction<Frame, Frame>)(...list);
    return {
      stages: [...options.stages],
      sessions: kinds.map((stage) => ({ stage, model: modelOf[stage] ?? '', intraOpThreads: threads(stage).intraOpThreads })),
      operator: (kind) => {
        const video = kind === 'video' ? videoFaces() : undefined;
        const faces = video ? [...video, ...ops.slice(3)] : ops;
        if (!segment) return compose(faces);
        return faces.length === 0 ? segment : inParallel(compose(faces), segment, withMask);
      },
      mask: (frame: Frame): FrameMask | undefined => {
        const m: Mask | undefined = frame.results.mask;
        if (!m) return undefined;
        return { width: m.width, height: m.height, data: m.data, coverage: m.coverage, png: () => seg!.writeMaskPng(m) };
      },
      dispose,
    };
  } catch (err) {
    await dispose();
    throw err;
  }
}
