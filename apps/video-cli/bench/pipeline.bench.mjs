#!/usr/bin/env node
// facepipe run pipeline benchmark: end-to-end frames/s of the `run` code path on the Hamilton clip for
// detect / detect+landmarks+pose / all four stages at 1 and 2 inference workers, next to the isolated-inference
// bound (sum of each stage's models' own latency on the same frames at the same settings), plus peak RSS over a
// 10,000-frame loop of the clip (BENCH_QUICK=1: fewer frames, 1,000-frame loop).
// Imports the BUILT CLI (npx tsc -b apps/video-cli/tsconfig.lib.json). Prints ONE JSON object on stdout.
import path from 'node:path';
import { decodeFrames } from '../dist/commands/bench/decode-frames.js';
import { measureEndToEnd } from '../dist/commands/bench/measure-end-to-end.js';
import { measureRssLoop } from '../dist/commands/bench/measure-rss-loop.js';
import { measureStageLatency } from '../dist/commands/bench/measure-stage-latency.js';
import { logger, quick, round, shared } from '../../../scripts/bench-kit.mjs';

process.env.FACEPIPE_MODELS ??= path.join(shared, 'models');
const video = path.join(shared, 'data/video/short_hamilton_clip.mp4');
const log = logger('pipeline.bench');
const r2 = (v) => round(v, 2);

const sets = {
  detect: ['detect'],
  detect_landmarks_pose: ['detect', 'landmarks', 'pose'],
  all_stages: ['detect', 'landmarks', 'pose', 'segment'],
};
const latencyFrames = await decodeFrames(video, quick ? 8 : 60);
const result = { video: path.basename(video), quick, latency_frames: latencyFrames.length };
for (const [name, stages] of Object.entries(sets)) {
  for (const workers of [1, 2]) {
    if (quick && name === 'all_stages' && workers === 2) continue;
    const settings = { stages, workers };
    log(`${name} workers=${workers}: isolated latency`);
    const lat = await measureStageLatency(latencyFrames, settings, quick ? 2 : 5);
    log(`${name} workers=${workers}: end to end`);
    const e2e = await measureEndToEnd(video, settings, quick ? { maxFrames: 20 } : {});
    result[`${name}_w${workers}`] = {
      e2e_fps: r2(e2e.fps),
      bound_fps: r2(lat.boundFps),
      e2e_over_bound: r2(e2e.fps / lat.boundFps),
      frames: e2e.frames,
      e2e_ms: Math.round(e2e.elapsedMs),
      model_load_ms: Math.round(e2e.loadMs),
      detect_ms: r2(lat.detectMs),
      landmarks_ms: r2(lat.landmarksMs),
      pose_ms: r2(lat.poseMs),
      segment_ms: r2(lat.segmentMs),
      bound_ms_per_frame: r2(lat.totalMs),
      faces_per_frame: r2(lat.facesPerFrame),
    };
    log(`${name} workers=${workers}: ${JSON.stringify(result[`${name}_w${workers}`])}`);
  }
}
const loopFrames = quick ? 1000 : 10000;
log(`RSS loop: ${loopFrames} frames, detect+landmarks+pose, 1 worker`);
const rss = await measureRssLoop(video, { stages: ['detect', 'landmarks', 'pose'], workers: 1 }, loopFrames, quick ? 100 : 250);
result.rss_loop = {
  stages: 'detect,landmarks,pose',
  frames: rss.frames,
  fps: r2(rss.fps),
  peak_mb: rss.peakMb,
  first_quarter_peak_mb: rss.firstQuarterPeakMb,
  last_quarter_peak_mb: rss.lastQuarterPeakMb,
  growth_mb: r2(rss.lastQuarterPeakMb - rss.firstQuarterPeakMb),
  samples_mb: rss.samplesMb,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
