#!/usr/bin/env node
// facepipe live benchmark: a 29.97 fps real-time source (ffmpeg -re serving the Hamilton clip, looped, as MPEG-TS on
// tcp://127.0.0.1:<free port>) through the `run --live` code path (drop-latest source, the CLI's live maxInFlight: 2 for detect+landmarks+pose, else 1; 1 inference
// worker) for detect / detect+landmarks+pose / all four stages: end-to-end latency p50/p95 (frame arrival -> result
// emitted) and drop rate, next to the bound "2 frame intervals + one inference time" (the stages' isolated latency on
// the same frames); then RSS over a 10-minute stream of detect+landmarks+pose. Targets: p95 < 100 ms with no drops for
// detect+landmarks+pose; p95 within the bound whenever frames are dropped; flat RSS.
// BENCH_QUICK=1: 4 s per set, a 10 s memory run. Imports the BUILT packages. Prints ONE JSON object on stdout.
import path from 'node:path';
import { startLoopbackSender } from '../../../packages/core/dist/testing/loopback-sender.js';
import { decodeFrames } from '../dist/commands/bench/decode-frames.js';
import { measureLiveLatency } from '../dist/commands/bench/measure-live-latency.js';
import { measureStageLatency } from '../dist/commands/bench/measure-stage-latency.js';
import { liveMaxInFlight } from '../dist/commands/run/live-max-in-flight.js';
import { logger, quick, round, shared } from '../../../scripts/bench-kit.mjs';

process.env.FACEPIPE_MODELS ??= path.join(shared, 'models');
const video = path.join(shared, 'data/video/short_hamilton_clip.mp4');
const SOURCE_FPS = 29.97;
const interval = 1000 / SOURCE_FPS;
const log = logger('live.bench');
const r1 = (v) => round(v, 1);
const sets = {
  detect: ['detect'],
  detect_landmarks_pose: ['detect', 'landmarks', 'pose'],
  all_stages: ['detect', 'landmarks', 'pose', 'segment'],
};
const seconds = quick ? 4 : 30;
const memorySeconds = quick ? 10 : 600;

async function live(stages, durationMs, rssEveryMs) {
  const sender = await startLoopbackSender({ protocol: 'tcp', clip: video, loop: true, width: 640 });
  try {
    return await measureLiveLatency(sender.url, { stages, workers: 1 }, { durationMs, warmupMs: quick ? 1000 : 3000, rssEveryMs });
  } finally {
    await sender.kill();
  }
}

const refFrames = await decodeFrames(video, quick ? 8 : 60);
const result = { source: `${path.basename(video)} looped, 640x360 @ ${SOURCE_FPS} fps, MPEG-TS over tcp://127.0.0.1`, quick, seconds_per_set: seconds, workers: 1, frame_interval_ms: r1(interval) };
for (const [name, stages] of Object.entries(sets)) {
  log(`${name}: ${seconds} s live`);
  const r = await live(stages, seconds * 1000, 1000);
  const lat = await measureStageLatency(refFrames, { stages, workers: 1 }, quick ? 2 : 5);
  const bound = 2 * interval + lat.totalMs;
  result[name] = {
    latency_p50_ms: r1(r.latencyMs.p50),
    latency_p95_ms: r1(r.latencyMs.p95),
    latency_max_ms: r1(r.latencyMs.max),
    latency_mean_ms: r1(r.latencyMs.mean),
    drop_rate: round(r.dropRate, 4),
    dropped: r.dropped,
    frames: r.frames,
    fps: round(r.fps, 2),
    max_in_flight: liveMaxInFlight(stages),
    inference_ms: r1(lat.totalMs),
    drop_bound_ms: r1(bound),
    p95_within_drop_bound: r.latencyMs.p95 <= bound,
  };
  if (name === 'detect_landmarks_pose') result[name].target_p95_under_100ms_no_drops = r.latencyMs.p95 < 100 && r.dropped === 0;
  log(`${name}: ${JSON.stringify(result[name])}`);
}
log(`memory: ${memorySeconds} s live, detect+landmarks+pose`);
const mem = await live(sets.detect_landmarks_pose, memorySeconds * 1000, quick ? 1000 : 10_000);
const q = Math.max(1, Math.floor(mem.rssMb.length / 4));
const firstPeak = Math.max(...mem.rssMb.slice(0, q));
const lastPeak = Math.max(...mem.rssMb.slice(-q));
result.memory = {
  stages: 'detect,landmarks,pose',
  seconds: memorySeconds,
  frames: mem.frames,
  drop_rate: round(mem.dropRate, 4),
  latency_p95_ms: r1(mem.latencyMs.p95),
  first_quarter_peak_mb: firstPeak,
  last_quarter_peak_mb: lastPeak,
  growth_mb: lastPeak - firstPeak,
  samples_mb: mem.rssMb,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
