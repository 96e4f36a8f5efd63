import fs from 'node:fs';
import path from 'node:path';
import { EXIT } from '../../shared/exit.js';
import { UsageError } from '../../shared/usage-error.js';
import type { BenchOptions } from './bench-options.js';
import { decodeFrames } from './decode-frames.js';
import { measureEndToEnd } from './measure-end-to-end.js';
import { measureStageLatency } from './measure-stage-latency.js';

const r2 = (v: number | undefined): number | undefined => (v === undefined ? undefined : Math.round(v * 100) / 100);

/** The video to time: the one given, else the repository's shared clip when it is there. */
function benchVideo(given: string | undefined): string {
  if (given !== undefined) {
    if (!fs.existsSync(given)) throw new UsageError(`video not found: ${given}`);
    return path.resolve(given);
  }
  const shared = process.env.FACEPIPE_SHARED ?? path.resolve('../shared');
  const clip = path.join(shared, 'data/video/short_hamilton_clip.mp4');
  if (fs.existsSync(clip)) return clip;
  throw new UsageError(`no video given and no default clip at ${clip}: pass one (facepipe bench <video>), or set FACEPIPE_SHARED to a folder holding data/video/short_hamilton_clip.mp4`);
}

/**
 * `facepipe bench [video] --stages ... --workers N`: per-stage latency of each model alone
 * (isolated-inference bound) and end-to-end frames/s of the `run` code path, as one JSON object.
 *
 * ## Example
 * ```ts
 * await benchAction({ stages: ['detect'], workers: 1, ... });
 * // {"video":"…","stages":["detect"],"latency":{"detectMs":6.1,…},"boundFps":160,"endToEnd":{"fps":131,…},"ratio":0.82}
 * ```
 * @throws {UsageError} when the video is missing, or none was given and the shared clip is absent.
 */
export async function benchAction(options: BenchOptions, out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const video = benchVideo(options.video);
  const settings = { stages: options.stages, detector: options.detector, landmarks: options.landmarks, segmenter: options.segmenter, int8: options.int8, workers: options.workers, ...(options.threads !== undefined ? { threads: options.threads } : {}), ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}) };
  const frames = await decodeFrames(video, Math.min(options.frames ?? 60, 120));
  const lat = await measureStageLatency(frames, settings);
  const e2e = await measureEndToEnd(video, settings, options.frames ? { maxFrames: options.frames } : {});
  out(
    `${JSON.stringify({
      video,
      stages: options.stages,
      workers: options.workers,
      int8: options.int8,
      latency: { detectMs: r2(lat.detectMs), landmarksMs: r2(lat.landmarksMs), poseMs: r2(lat.poseMs), segmentMs: r2(lat.segmentMs), totalMs: r2(lat.totalMs), facesPerFrame: r2(lat.facesPerFrame) },
      boundFps: r2(lat.boundFps),
      endToEnd: { frames: e2e.frames, fps: r2(e2e.fps), elapsedMs: Math.round(e2e.elapsedMs), loadMs: Math.round(e2e.loadMs) },
      ratio: r2(lat.boundFps > 0 ? e2e.fps / lat.boundFps : undefined),
    })}\n`,
  );
  return EXIT.ok;
}
