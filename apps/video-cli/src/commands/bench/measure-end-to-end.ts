import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchPipelineOptions, type BenchSettings } from './bench-settings.js';
import { createStagePipeline } from '../../stages/create-stage-pipeline.js';
import { planOutputs } from '../../output/output-plan.js';
import { processInput } from '../run/process-input.js';

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
 *
 * ## Example
 * ```ts
 * const r = await measureEndToEnd('clip.mp4', { stages: ['detect'], workers: 1 });
 * r.fps; // e.g. 120
 * ```
 * @throws {ModelLoadError} / {DecoderError} from the stages and the decoder.
 */
export async function measureEndToEnd(video: string, settings: BenchSettings, options: { maxFrames?: number; annotate?: boolean } = {}): Promise<EndToEnd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-bench-'));
  const t0 = performance.now();
  const pipeline = await createStagePipeline(benchPipelineOptions(settings));
  const loadMs = performance.now() - t0;
  try {
    const [plan] = planOutputs([{ path: path.resolve(video), kind: 'video' }], dir, { annotate: options.annotate ?? false, masks: false });
    const t1 = performance.now();
    const r = await processInput({ path: path.resolve(video), kind: 'video' }, plan!, { maxInFlight: 8, faces: settings.stages.includes('detect'), ...(options.maxFrames ? { maxFrames: options.maxFrames } : {}) }, pipeline);
    const elapsedMs = performance.now() - t1;
    return { frames: r.frames, elapsedMs, fps: (r.frames * 1000) / elapsedMs, loadMs };
  } finally {
    await pipeline.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
