// Detector benchmark: post-processing cost per frame (4420 and 17640 priors) and detector
// throughput on the Hamilton clip per model at 1 and 2 workers, with model inference alone
// next to it. Prints ONE JSON object on stdout; progress goes to stderr.
// Build first: npx tsc -b packages/detector/tsconfig.lib.json. BENCH_QUICK=1: ~10 s smoke run.
import path from 'node:path';
import { from, lastValueFrom, toArray, count } from 'rxjs';
import { openModel, readFrames, readImage } from '@facepipe/core';
import { FaceDetector, detectFaces } from '../dist/index.js';
import { logger, median, quick, round, shared } from '../../../scripts/bench-kit.mjs';

const log = logger();
const now = () => performance.now();
const r3 = (x) => round(x, 3);
const result = { quick };

// --- 1. Post-processing alone (decode + NMS + mapping), real outputs of a real photo. ---
const photo = await readImage(path.join(shared, 'data/photos/fr_two_people.jpg'));
const postIters = quick ? 300 : 3000;
for (const [model, key] of [
  ['ultraface-rfb-320-raw', 'postprocess4420_raw_ms'],
  ['ultraface-rfb-320', 'postprocess4420_decoded_ms'],
  ['ultraface-rfb-640', 'postprocess17640_decoded_ms'],
  ['yunet-640', 'postprocess_yunet640_ms'],
]) {
  const det = await FaceDetector.create({ model, workers: 0 });
  const { tensor, map } = await det.prepare(photo);
  const { runner } = await openModel(model, { workers: 0 });
  const outputs = await runner.run({ [runner.inputs[0].name]: tensor });
  await runner.dispose();
  for (let i = 0; i < 200; i++) det.decode(outputs, map); // warm-up (JIT)
  const samples = [];
  for (let rep = 0; rep < 5; rep++) {
    const t0 = now();
    for (let i = 0; i < postIters; i++) det.decode(outputs, map);
    samples.push((now() - t0) / postIters);
  }
  result[key] = r3(median(samples));
  log(`${key}: ${result[key]} ms (${det.decode(outputs, map).length} faces)`);
  await det.dispose();
}
// The 17640-prior raw decode (priors + exp per candidate) on synthetic raw outputs shaped like RFB-640.
{
  const { generateUltrafacePriors, collectUltrafaceCandidates, createCandidates, nonMaxSuppression } = await import('../dist/index.js');
  const priors = generateUltrafacePriors(640, 480);
  const n = priors.length / 4;
  const scores = new Float32Array(n * 2);
  const raw = new Float32Array(n * 4);
  let seed = 1;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < n; i++) {
    const s = rnd() < 0.005 ? 0.6 + 0.4 * rnd() : 0.3 * rnd(); // ~90 candidates above 0.6, like a crowded frame
    scores[2 * i + 1] = s;
    scores[2 * i] = 1 - s;
    for (let k = 0; k < 4; k++) raw[i * 4 + k] = rnd() - 0.5;
  }
  const c = createCandidates();
  const run = () => {
    collectUltrafaceCandidates(scores, raw, priors, 0.6, 640, 480, c);
    return nonMaxSuppression(c.boxes, c.scores, { iouThreshold: 0.3 }, c.count).count;
  };
  for (let i = 0; i < 200; i++) run();
  const samples = [];
  for (let rep = 0; rep < 5; rep++) {
    const t0 = now();
    for (let i = 0; i < postIters; i++) run();
    samples.push((now() - t0) / postIters);
  }
  result.postprocess17640_raw_synthetic_ms = r3(median(samples));
  result.postprocess17640_raw_synthetic_candidates = c.count;
  log(`postprocess17640_raw_synthetic_ms: ${result.postprocess17640_raw_synthetic_ms} (${c.count} candidates)`);
}

// --- 2. Input buffers with workers (the tensor is transferred, i.e. detached, per run). Each variant
// writes one 320x240 input (set() stands in for imageToTensor's single pass):
//  alloc_per_run: new buffer + write (what FaceDetector does with workers),
//  copy_inputs:   write into a reused buffer + the copy `copyInputs: true` makes before transferring,
//  reuse_prealloc: write only (possible in-process, where nothing is transferred). ---
{
  const W = 320, H = 240, iters = quick ? 200 : 2000;
  const src = new Float32Array(3 * W * H).fill(0.5);
  let t0 = now();
  for (let i = 0; i < iters; i++) new Float32Array(3 * W * H).set(src);
  result.input320_alloc_per_run_ms = r3((now() - t0) / iters);
  t0 = now();
  const reused = new Float32Array(3 * W * H);
  for (let i = 0; i < iters; i++) {
    reused.set(src);
    reused.slice();
  }
  result.input320_copy_inputs_ms = r3((now() - t0) / iters);
  const reuse = new Float32Array(3 * W * H);
  t0 = now();
  for (let i = 0; i < iters; i++) reuse.set(src);
  result.input320_reuse_prealloc_ms = r3((now() - t0) / iters);
  log(`input buffers: alloc ${result.input320_alloc_per_run_ms} ms, copyInputs ${result.input320_copy_inputs_ms} ms, reuse ${result.input320_reuse_prealloc_ms} ms`);
}

// --- 3. Throughput on the Hamilton clip (frames decoded up front, so only detection is timed). ---
const clip = path.join(shared, 'data/video/short_hamilton_clip.mp4');
const frames = await lastValueFrom(readFrames(clip, quick ? { durationMs: 1500 } : {}).pipe(toArray()));
result.hamilton_frames = frames.length;
log(`hamilton: ${frames.length} frames decoded`);
const models = quick ? ['ultraface-rfb-320', 'yunet-640'] : ['ultraface-rfb-320', 'ultraface-slim-320', 'ultraface-rfb-640', 'yunet-640'];
for (const model of models) {
  for (const workers of [1, 2]) {
    const key = `${model}_w${workers}`;
    // Detector end to end: resize + normalise + inference + decode + NMS, through the operator.
    const detector = await FaceDetector.create({ model, workers });
    await detector.detect(frames[0]); // warm-up
    let t0 = now();
    const n = await lastValueFrom(from(frames).pipe(detectFaces(detector), count()));
    const detMs = now() - t0;
    // Inference alone: the same runner settings on a prepared tensor, same number of runs in flight.
    const { tensor } = await detector.prepare(frames[0]);
    await detector.dispose();
    const { runner } = await openModel(model, { workers });
    const name = runner.inputs[0].name;
    await runner.run({ [name]: tensor }, { copyInputs: true });
    t0 = now();
    let next = 0;
    const lane = async () => {
      while (next < frames.length) {
        next++;
        await runner.run({ [name]: tensor }, { copyInputs: true });
      }
    };
    await Promise.all(Array.from({ length: workers }, lane));
    const infMs = now() - t0;
    await runner.dispose();
    result[`${key}_detector_fps`] = Math.round((n / detMs) * 10000) / 10;
    result[`${key}_inference_only_fps`] = Math.round((frames.length / infMs) * 10000) / 10;
    log(`${key}: detector ${result[`${key}_detector_fps`]} fps, inference alone ${result[`${key}_inference_only_fps`]} fps`);
  }
}
process.stdout.write(`${JSON.stringify(result)}\n`);
