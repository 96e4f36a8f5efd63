import type { Frame } from '@facepipe/core';
import { FaceDetector, type Face } from '@facepipe/detector';
import { DEFAULT_POSE_MODELS, FsanetPoseEstimator, LandmarkDetector } from '@facepipe/landmarks';
import { stageModelOptions } from '../../stages/stage-model-options.js';
import { PortraitSegmenter } from '@facepipe/segmentation';
import { benchPipelineOptions, type BenchSettings } from './bench-settings.js';
import { stageModel } from '../../stages/stage-model.js';

/** Mean milliseconds per frame of each stage's models run alone, one call at a time. */
export interface StageLatency {
  detectMs?: number;
  landmarksMs?: number;
  poseMs?: number;
  segmentMs?: number;
  /** Sum of the stages' latencies: the isolated-inference bound is `1000 / totalMs` frames/s. */
  totalMs: number;
  boundFps: number;
  /** Faces per frame seen by the detector (landmarks/pose cost scales with it). */
  facesPerFrame: number;
}

/**
 * The isolated-inference bound: each requested stage's models alone on the same decoded frames at
 * the same settings (worker threads), one call in flight, mean ms per frame (after `warmup` frames).
 * Landmarks and pose run on the detector's faces of each frame.
 *
 * ## Example
 * ```ts
 * const frames = await decodeFrames('clip.mp4', 60);
 * const lat = await measureStageLatency(frames, { stages: ['detect', 'landmarks', 'pose'], workers: 1 });
 * lat.boundFps; // e.g. 95
 * ```
 */
export async function measureStageLatency(frames: readonly Frame[], settings: BenchSettings, warmup = 5): Promise<StageLatency> {
  const o = benchPipelineOptions(settings);
  const stages = new Set(o.stages);
  const out: StageLatency = { totalMs: 0, boundFps: 0, facesPerFrame: 0 };
  const threads = o.threads !== undefined ? { intraOpThreads: o.threads } : {};
  const time = async (fn: (f: Frame, i: number) => Promise<unknown>): Promise<number> => {
    for (let i = 0; i < Math.min(warmup, frames.length); i++) await fn(frames[i]!, i);
    const t0 = performance.now();
    for (let i = 0; i < frames.length; i++) await fn(frames[i]!, i);
    return (performance.now() - t0) / frames.length;
  };
  const faces: Face[][] = [];
  const det = await FaceDetector.create({ model: (await stageModel(o.detector, o.int8, { task: 'face-detection', flag: '--detector' })).model, workers: o.workers, ...threads });
  try {
    for (const f of frames) faces.push(await det.detect(f));
    out.facesPerFrame = faces.reduce((a, b) => a + b.length, 0) / Math.max(1, frames.length);
    if (stages.has('detect')) out.detectMs = await time((f) => det.detect(f));
  } finally {
    await det.dispose();
  }
  if (stages.has('landmarks')) {
    const m = await stageModel(o.landmarks, o.int8, { task: 'landmarks', flag: '--landmarks' });
    const lm = await LandmarkDetector.create({ model: m.model, workers: o.workers, ...threads, ...stageModelOptions(m).landmarks });
    try {
      out.landmarksMs = await time((f, i) => (faces[i]!.length ? lm.detect(f, faces[i]!) : Promise.resolve()));
    } finally {
      await lm.dispose();
    }
  }
  if (stages.has('pose')) {
    const models = o.int8 ? await Promise.all(DEFAULT_POSE_MODELS.map(async (id) => (await stageModel(id, true)).model)) : undefined;
    const pose = await FsanetPoseEstimator.create({ workers: o.workers, ...threads, ...(models ? { models } : {}) });
    try {
      out.poseMs = await time((f, i) => (faces[i]!.length ? pose.estimate(f, faces[i]!) : Promise.resolve()));
    } finally {
      await pose.dispose();
    }
  }
  if (stages.has('segment')) {
    const seg = await PortraitSegmenter.create({ model: (await stageModel(o.segmenter, o.int8, { task: 'segmentation', flag: '--segmenter', required: true })).model, workers: o.workers, ...threads });
    try {
      out.segmentMs = await time((f) => seg.segment(f));
    } finally {
      await seg.dispose();
    }
  }
  out.totalMs = (out.detectMs ?? 0) + (out.landmarksMs ?? 0) + (out.poseMs ?? 0) + (out.segmentMs ?? 0);
  out.boundFps = out.totalMs > 0 ? 1000 / out.totalMs : 0;
  return out;
}
