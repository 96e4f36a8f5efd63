// int8 vs fp32 speed of every model `facepipe quantize --all` makes (the default stages' models, plus
// the UltraFace -sim export for comparison), each quantized by its recipe exactly as the CLI does
// (frames or fp32-detector face crops, cropped as each stage crops, for calibration, the recipe's fp32 nodes, types and sample
// count), then timed side by side (interleaved runs in one process) at 1 and 2 intra-op threads.
// Prints ONE JSON object on stdout: models.<id>.threads<n> = { fp32_ms, int8_ms, speedup } (medians),
// plus size and output agreement; progress to stderr.
// Build first: npx nx run-many -t build. BENCH_QUICK=1: smoke run (2 calibration samples, 3 timed runs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { modelRegistry, resolveModel } from '@facepipe/core';
import { FaceDetector } from '@facepipe/detector';
import { DEFAULT_POSE_MODELS, faceCropPreprocess, stageFaceCrop } from '@facepipe/landmarks';
import '@facepipe/segmentation';
import { compareModels, loadCalibrationSamples, measureLatency, quantizeModel } from '../dist/index.js';
import { logger, quick, round, shared } from '../../../scripts/bench-kit.mjs';

const log = logger();
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-int8-speed-'));
const calibrationDir = path.join(shared, 'data/calibration/ultraface_imgs');
const photosDir = path.join(shared, 'data/photos');
const ids = ['ultraface-rfb-320', 'ultraface-rfb-320-sim', 'pfld-ghostone-98', ...DEFAULT_POSE_MODELS, 'prisma-unet-256'];
const runs = quick ? 3 : 100;
const result = { quick, runs, threads: [1, 2], models: {} };

const detector = await FaceDetector.create({ workers: 0 });
try {
  for (const id of ids) {
    log(`int8 speed: ${id}`);
    const spec = modelRegistry.get(id);
    const preprocess = spec.quantization?.calibration === 'face-crops' ? (await faceCropPreprocess({ input: spec.input, detector, ...stageFaceCrop(spec) })).preprocess : undefined;
    const q = await quantizeModel(id, {
      output: path.join(out, `${id}.int8.onnx`),
      calibration: calibrationDir,
      ...(preprocess ? { preprocess } : {}),
      ...(quick ? { maxSamples: 2 } : {}),
    });
    const held = await loadCalibrationSamples(photosDir, spec.input, { maxSamples: quick ? 1 : 4, ...(preprocess ? { preprocess } : {}) });
    const cmp = await compareModels(q.fp32Model, q.int8Model, held, { layers: [], intraOpThreads: 2 });
    const rows = await measureLatency({ fp32: (await resolveModel(id)).path, int8: q.outputPath }, held[0], { threads: [1, 2], runs, warmup: quick ? 1 : 10 });
    const entry = {
      recipe: spec.quantization ?? null,
      calibrationSamples: q.calibrationSamples,
      fp32Bytes: q.fp32Bytes,
      int8Bytes: q.int8Bytes,
      sizeRatio: round(q.sizeRatio, 3),
      outputs: Object.fromEntries(Object.entries(cmp.outputs).map(([k, e]) => [k, { cosine: round(e.cosine, 5), sqnr_db: round(e.sqnrDb, 1) }])),
    };
    for (const row of rows) {
      entry[`threads${row.threads}`] = { fp32_ms: round(row.medianMs.fp32, 3), int8_ms: round(row.medianMs.int8, 3), speedup: round(row.medianMs.fp32 / row.medianMs.int8, 3) };
    }
    log(`  ${JSON.stringify(entry.threads1)} ${JSON.stringify(entry.threads2)}`);
    result.models[id] = entry;
  }
} finally {
  await detector.dispose();
  fs.rmSync(out, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(result)}\n`);
