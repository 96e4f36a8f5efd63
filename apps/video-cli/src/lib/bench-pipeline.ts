import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFrame, modelRegistry, readFrames, releaseFrames, type Frame } from '@facepipe/core';
import { FaceDetector, type Face } from '@facepipe/detector';
import { createFsanetPoseEstimator, createLandmarkDetector, type LandmarkPresetId } from '@facepipe/landmarks';
import { PortraitSegmenter } from '@facepipe/segmentation';
import { defer, lastValueFrom, map, repeat, take, tap, toArray } from 'rxjs';
import type { Stage } from './option-parsers.js';
import { createStagePipeline, type StagePipelineOptions } from './create-stage-pipeline.js';
import { frameRecord } from './frame-record.js';
import { planOutputs } from './output-plan.js';
import { processInput } from './process-input.js';
import { stageModel } from './stage-model.js';

/** Models and settings of a benchmark run. */
export interface BenchSettings {
  readonly stages: readonly Stage[];
  readonly detector?: string;
  readonly landmarks?: string;
  readonly segmenter?: string;
  readonly int8?: boolean;
  readonly workers: number;
  /** Intra-op threads per session (default: core's, cores / workers). */
  readonly threads?: number;
}

function pipelineOptions(s: BenchSettings): StagePipelineOptions {
  return {
    stages: s.stages,
    detector: s.detector ?? 'ultraface-rfb-320',
    landmarks: s.landmarks ?? 'pfld-ghostone-98',
    pose: 'fsanet',
    segmenter: s.segmenter ?? 'prisma-unet-256',
    int8: s.int8 ?? false,
    workers: s.workers,
    ...(s.threads !== undefined ? { threads: s.threads } : {}),
  };
}

/**
 * Decode the first `count` frames of a video into owned (copied) frames, for latency runs that
 * must not include decoding.
 */
export async function decodeFrames(video: string, count: number, every = 1): Promise<Frame[]> {
  return lastValueFrom(
    readFrames(video, { every }).pipe(
      take(count),
      map((f) => createFrame({ data: new Uint8Array(f.data), width: f.width, height: f.height, index: f.index, timeMs: f.timeMs, sourceId: f.sourceId })),
      toArray(),
    ),
  );
}

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
  const o = pipelineOptions(settings);
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
  const det = await FaceDetector.create({ model: (await stageModel(o.detector, o.int8)).model, workers: o.workers, ...threads });
  try {
    for (const f of frames) faces.push(await det.detect(f));
    out.facesPerFrame = faces.reduce((a, b) => a + b.length, 0) / Math.max(1, frames.length);
    if (stages.has('detect')) out.detectMs = await time((f) => det.detect(f));
  } finally {
    await det.dispose();
  }
  if (stages.has('landmarks')) {
    const m = await stageModel(o.landmarks, o.int8);
    const lm = await createLandmarkDetector({ model: m.model, workers: o.workers, ...threads, ...(m.model !== m.base && modelRegistry.get(m.base) ? { preset: m.base as LandmarkPresetId } : {}) });
    try {
      out.landmarksMs = await time((f, i) => (faces[i]!.length ? lm.detect(f, faces[i]!) : Promise.resolve()));
    } finally {
      await lm.dispose();
    }
  }
  if (stages.has('pose')) {
    const models = o.int8 ? await Promise.all(['fsanet-1x1', 'fsanet-var'].map(async (id) => (await stageModel(id, true)).model)) : undefined;
    const pose = await createFsanetPoseEstimator({ workers: o.workers, ...threads, ...(models ? { models } : {}) });
    try {
      out.poseMs = await time((f, i) => (faces[i]!.length ? pose.estimate(f, faces[i]!) : Promise.resolve()));
    } finally {
      await pose.dispose();
    }
  }
  if (stages.has('segment')) {
    const seg = await PortraitSegmenter.create({ model: (await stageModel(o.segmenter, o.int8)).model, workers: o.workers, ...threads });
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

/** End-to-end throughput of the `run` code path on one video. */
export interface EndToEnd {
  frames: number;
  /** Processing time (models already loaded): decode, stages, JSONL (and annotation) writing. */
  elapsedMs: number;
  fps: number;
  /** Model loading time. */
  loadMs: number;
}

/**
 * Frames/s of `facepipe run` on `video`: the same `processInput` the CLI runs (decode with manual
 * release, stages, JSONL written atomically to a temporary folder), models loaded beforehand.
 */
export async function measureEndToEnd(video: string, settings: BenchSettings, options: { maxFrames?: number; annotate?: boolean } = {}): Promise<EndToEnd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-bench-'));
  const t0 = performance.now();
  const pipeline = await createStagePipeline(pipelineOptions(settings));
  const loadMs = performance.now() - t0;
  try {
    const [plan] = planOutputs([{ path: path.resolve(video), kind: 'video' }], dir, { annotate: options.annotate ?? false, masks: false });
    const t1 = performance.now();
    const r = await processInput({ path: path.resolve(video), kind: 'video' }, plan!, pipeline, { maxInFlight: 8, faces: settings.stages.includes('detect'), ...(options.maxFrames ? { maxFrames: options.maxFrames } : {}) }, { onFrame() {}, signal: new AbortController().signal });
    const elapsedMs = performance.now() - t1;
    return { frames: r.frames, elapsedMs, fps: (r.frames * 1000) / elapsedMs, loadMs };
  } finally {
    await pipeline.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Memory over a long looped run. */
export interface RssLoop {
  frames: number;
  fps: number;
  /** RSS samples (MB) every `sampleEvery` frames. */
  samplesMb: number[];
  peakMb: number;
  /** Peak RSS in the first and last quarter of the run (MB); flat memory means these are close. */
  firstQuarterPeakMb: number;
  lastQuarterPeakMb: number;
}

/**
 * Loop a clip (re-subscribing the decoder) through the stage pipeline for `frames` frames, writing
 * JSON lines to a temporary file, and sample the process RSS.
 */
export async function measureRssLoop(video: string, settings: BenchSettings, frames: number, sampleEvery = 250): Promise<RssLoop> {
  const pipeline = await createStagePipeline(pipelineOptions(settings));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-rss-'));
  const sink = fs.openSync(path.join(dir, 'loop.jsonl'), 'w');
  const samples: number[] = [];
  let n = 0;
  const t0 = performance.now();
  try {
    await lastValueFrom(
      defer(() => readFrames(video, { release: 'manual', maxInFlight: 8 })).pipe(
        repeat(),
        take(frames),
        pipeline.operator(),
        tap((f) => {
          fs.writeSync(sink, `${JSON.stringify(frameRecord(f, { faces: settings.stages.includes('detect') }))}\n`);
          if (++n % sampleEvery === 0) samples.push(process.memoryUsage().rss / 1048576);
        }),
        releaseFrames(),
      ),
      { defaultValue: undefined },
    );
  } finally {
    fs.closeSync(sink);
    fs.rmSync(dir, { recursive: true, force: true });
    await pipeline.dispose();
  }
  const elapsed = performance.now() - t0;
  const q = Math.max(1, Math.floor(samples.length / 4));
  const r1 = (v: number): number => Math.round(v * 10) / 10;
  return {
    frames: n,
    fps: (n * 1000) / elapsed,
    samplesMb: samples.map(r1),
    peakMb: r1(Math.max(...samples)),
    firstQuarterPeakMb: r1(Math.max(...samples.slice(0, q))),
    lastQuarterPeakMb: r1(Math.max(...samples.slice(-q))),
  };
}
