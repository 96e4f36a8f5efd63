// Throughput of the video mode's face stages as `facepipe run --mode video --workers 1` drives them on
// 2 cores: trackLandmarks → trackFaces → estimatePose (FSA-Net), each model in 1 worker with 1
// intra-op thread (the CLI's thread budget for three models on 2 cores), on the frames of the hamilton
// clip decoded once beforehand (so the decoder's CPU and the JSONL writer are not measured: figures
// are higher than the CLI's). Median fps over rounds, after a warm-up round.
// BENCH_BASELINE=<path of another build's packages/landmarks/dist/index.js> runs that build's operators
// (with its own models) in the same process, rounds interleaved A/B, e.g. the main worktree's build.
// Prints ONE JSON object on stdout; progress goes to stderr.
// Build first (npm run build). BENCH_QUICK=1: 2 rounds, 120 frames.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { lastValueFrom, from, take, toArray, count } from 'rxjs';
import { readFrames } from '@facepipe/core';
import { FaceDetector, trackFaces } from '@facepipe/detector';
import { logger, median, quick, round, shared } from '../../../scripts/bench-kit.mjs';

const log = logger('video-mode-throughput');
const rounds = Number(process.env.BENCH_ROUNDS ?? (quick ? 2 : 5));
const maxFrames = quick ? 120 : Infinity;
const clip = path.join(shared, 'data/video/short_hamilton_clip.mp4');
// apps/video-cli TRACKING
const TRACKER = { highScore: 0.6, minHits: 3 };
const SESSION = { workers: 1, intraOpThreads: 1 };

const builds = [['current', new URL('../dist/index.js', import.meta.url).href]];
if (process.env.BENCH_BASELINE) builds.unshift(['baseline', pathToFileURL(path.resolve(process.env.BENCH_BASELINE)).href]);

const frames = await lastValueFrom(readFrames(clip).pipe(take(maxFrames), toArray()));
log(`${frames.length} frames of ${path.basename(clip)} in memory`);
const detector = await FaceDetector.create({ model: 'ultraface-rfb-320', ...SESSION, scoreThreshold: 0.5 });
const setups = [];
for (const [name, url] of builds) {
  const lib = await import(url);
  const landmarks = await lib.LandmarkDetector.create({ model: 'pfld-ghostone-98', ...SESSION });
  const estimator = await lib.FsanetPoseEstimator.create(SESSION);
  setups.push({ name, lib, landmarks, estimator, fps: [] });
}
const runOnce = async ({ lib, landmarks, estimator }) => {
  const t0 = performance.now();
  const n = await lastValueFrom(
    from(frames).pipe(lib.trackLandmarks({ detector, landmarks }), trackFaces(TRACKER), lib.estimatePose({ method: 'fsanet', concurrency: 2, estimator }), count()),
  );
  return (n * 1000) / (performance.now() - t0);
};
try {
  for (const s of setups) await runOnce(s); // warm-up
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? setups : [...setups].reverse();
    for (const s of order) s.fps.push(round(await runOnce(s), 1));
    log(`round ${r + 1}: ${setups.map((s) => `${s.name} ${s.fps.at(-1)} fps`).join(', ')}`);
  }
} finally {
  await detector.dispose();
  for (const s of setups) {
    await s.landmarks.dispose();
    await s.estimator.dispose();
  }
}
const result = { quick, frames: frames.length, rounds };
for (const s of setups) result[s.name] = { fps: s.fps, medianFps: round(median(s.fps), 1) };
process.stdout.write(`${JSON.stringify(result)}\n`);
