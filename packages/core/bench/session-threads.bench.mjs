// Standalone session speed of the pipeline's heaviest models, one model at a time on an otherwise idle machine:
// median ms per run of UltraFace RFB-320 (1x3x240x320) and Prisma-Net (1x3x256x256), at 1 and 2 intra-op threads,
// with onnxruntime's thread spinning off (facepipe's setting) and on. These are the floors the frame-path targets
// are checked against (a pipeline on the same cores can only be slower). Inputs are constant (timing does not depend
// on pixel values for these convolutional nets). Prints ONE JSON object on stdout.
// Run after `npm run build`. BENCH_QUICK=1: 10 runs per configuration instead of 60.
import { createRequire } from 'node:module';
import path from 'node:path';
import { resolveModel, sessionOptions } from '../dist/index.js';
import { logger, median, quick, round, shared } from '../../../scripts/bench-kit.mjs';

const ort = createRequire(import.meta.url)('onnxruntime-node');
const log = logger('session-threads.bench');
const runs = quick ? 10 : 60;
const dir = process.env.FACEPIPE_MODELS ?? path.join(shared, 'models');
// core registers no models (the stage packages do): the files by path in the models folder
const models = [
  { id: 'ultraface-rfb-320', file: 'ultraface/version-RFB-320.onnx', dims: [1, 3, 240, 320] },
  { id: 'prisma-unet-256', file: 'segmentation/prisma-net_256_nchw.onnx', dims: [1, 3, 256, 256] },
];

const result = { runs_per_config: runs, median_ms: {} };
for (const m of models) {
  const { path: file } = await resolveModel(path.join(dir, m.file), { download: false });
  const size = m.dims.reduce((a, b) => a * b, 1);
  for (const threads of [1, 2]) {
    for (const spinning of [false, true]) {
      const s = await ort.InferenceSession.create(file, sessionOptions({ intraOpThreads: threads, spinning }));
      const feeds = { [s.inputNames[0]]: new ort.Tensor('float32', new Float32Array(size).fill(0.3), m.dims) };
      for (let i = 0; i < 5; i++) await s.run(feeds);
      const t = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await s.run(feeds);
        t.push(performance.now() - t0);
      }
      await s.release();
      const key = `${m.id} threads=${threads} spinning=${spinning}`;
      result.median_ms[key] = round(median(t), 2);
      log(`${key}: ${result.median_ms[key]} ms`);
    }
  }
}
process.stdout.write(`${JSON.stringify(result)}\n`);
