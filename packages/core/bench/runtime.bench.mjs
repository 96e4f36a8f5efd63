// Model runtime benchmark: UltraFace RFB-320 inferences per second, one in-process session vs the
// worker pool. Imports the BUILT package: run `npx tsc -b packages/core/tsconfig.lib.json` first.
// Usage: FACEPIPE_MODELS=../shared/models node packages/core/bench/runtime.bench.mjs   (BENCH_QUICK=1: ~10 s smoke run)
// Prints ONE JSON object on stdout; progress goes to stderr.
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createInferencePool,
  createSessionRunner,
  imageToTensor,
  readImage,
  resizeBilinear,
  resolveModel,
} from '../dist/index.js';
import { logger, quick, round, shared } from '../../../scripts/bench-kit.mjs';

const models = process.env.FACEPIPE_MODELS ?? path.join(shared, 'models');

/** Measured seconds per configuration (after warm-up). */
const seconds = quick ? 1.8 : 8;
const warmupRuns = quick ? 5 : 20;
const cores = os.availableParallelism();

const log = logger();

// core registers no models (the stage packages do): the file by its path in the models folder
const { path: modelPath } = await resolveModel(path.join(models, 'ultraface/version-RFB-320.onnx'), { download: false });
const photo = await readImage(path.join(shared, 'data/photos/fr_two_people.jpg'));
const input = imageToTensor(resizeBilinear(photo, 320, 240), { mean: 127, std: 128 });

/**
 * Runs `runner` for `seconds` keeping `inFlight` runs outstanding (1 = strictly sequential);
 * returns inferences/s and mean latency per run.
 */
async function measure(runner, inFlight) {
  const one = () => runner.run({ input }, { copyInputs: true });
  for (let i = 0; i < warmupRuns; i++) await one();
  let done = 0;
  let latencySum = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  async function lane() {
    while (performance.now() < end) {
      const s = performance.now();
      await one();
      latencySum += performance.now() - s;
      done++;
    }
  }
  await Promise.all(Array.from({ length: inFlight }, lane));
  const elapsed = (performance.now() - t0) / 1000;
  return { ips: done / elapsed, latencyMs: latencySum / done, runs: done };
}

const results = {};

async function bench(key, make, inFlight, threads) {
  const runner = await make();
  try {
    const r = await measure(runner, inFlight);
    results[`${key}_inferences_per_s`] = round(r.ips, 1);
    results[`${key}_latency_ms`] = round(r.latencyMs);
    results[`${key}_intra_op_threads`] = threads;
    log(`${key}: ${r.ips.toFixed(1)} inf/s, ${r.latencyMs.toFixed(2)} ms mean latency (${r.runs} runs, ${inFlight} in flight, ${threads} threads)`);
  } finally {
    await runner.dispose();
  }
}

await bench('inprocess_default_threads', () => createSessionRunner(modelPath), 1, 'ort-default');
await bench('inprocess_default_threads_spinning', () => createSessionRunner(modelPath, { spinning: true }), 1, 'ort-default');
await bench('inprocess_1thread', () => createSessionRunner(modelPath, { intraOpThreads: 1 }), 1, 1);
// Pool defaults: intra-op threads = cores / workers.
await bench('pool_1worker', () => createInferencePool(modelPath, { workers: 1 }), 2, Math.max(1, Math.floor(cores / 1)));
await bench('pool_2workers', () => createInferencePool(modelPath, { workers: 2 }), 4, Math.max(1, Math.floor(cores / 2)));

results.pool_2workers_vs_inprocess_default_ratio = round(results.pool_2workers_inferences_per_s / results.inprocess_default_threads_inferences_per_s);
results.pool_2workers_vs_inprocess_1thread_ratio = round(results.pool_2workers_inferences_per_s / results.inprocess_1thread_inferences_per_s);
results.pool_1worker_vs_inprocess_default_ratio = round(results.pool_1worker_inferences_per_s / results.inprocess_default_threads_inferences_per_s);
results.cores = cores;
results.measured_s_per_config = seconds;
results.quick = quick;

process.stdout.write(`${JSON.stringify(results)}\n`);
