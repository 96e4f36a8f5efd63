import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DisposedError, ModelLoadError, ShapeMismatchError } from '../shared/errors.js';
import { imageToTensor } from '../image/image-to-tensor.js';
import { busyWorkerCount, createInferencePool, liveWorkerCount } from './inference-pool.js';
import { InferenceError } from '../shared/errors.js';
import { createSessionRunner, liveSessionCount } from './session-runner.js';
import { prepareModelFile } from './prepare-model-file.js';
import { createTensor, type Tensor } from '../tensor/tensor.js';
import { PFLD_PLANE, pfldFeed, pfldPhotoBatch } from '../test-support/pfld-photo-batch.js';

const shared = process.env.FACEPIPE_SHARED!;
const model = path.join(shared, 'models/ultraface/version-RFB-320.onnx');

async function photoTensor(file: string): Promise<Tensor<'float32'>> {
  const { data, info } = await sharp(path.join(shared, 'data/photos', file)).removeAlpha().resize(320, 240, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
  return imageToTensor({ data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 }, { mean: 127, std: 128 });
}

const PLANE = PFLD_PLANE;
const photoBatch = pfldPhotoBatch;
const values = (t: Tensor | undefined): number[] => Array.from(t!.data as Float32Array);
/** A resizable ArrayBuffer: its `maxByteLength` survives transfers, so it marks a buffer that went to a worker and back. */
const markedBuffer = (byteLength: number, maxByteLength: number): ArrayBuffer =>
  new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer)(byteLength, { maxByteLength });
const maxByteLength = (t: Tensor | undefined): number => (t!.data.buffer as ArrayBuffer & { maxByteLength: number }).maxByteLength;

/**
 * A worker script that logs the input dims of every onnxruntime session run (one JSON line each) to
 * `log`, then runs the real worker: shows how a job was run inside the worker.
 */
function loggingWorker(dir: string, log: string): URL {
  const script = path.join(dir, 'logging-worker.cjs');
  const ortPath = createRequire(import.meta.url).resolve('onnxruntime-node');
  fs.writeFileSync(
    script,
    `const fs = require('node:fs');\nconst ort = require(${JSON.stringify(ortPath)});\nconst run = ort.InferenceSession.prototype.run;\n` +
      `ort.InferenceSession.prototype.run = function (feeds, ...rest) {\n  fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(Object.values(feeds).map((t) => t.dims)) + '\\n');\n  return run.call(this, feeds, ...rest);\n};\n` +
      `require(${JSON.stringify(fileURLToPath(new URL('./inference-worker.cjs', import.meta.url)))});\n`,
  );
  return pathToFileURL(script);
}

const settle = <T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

describe('createInferencePool', () => {
  const before = liveWorkerCount();
  const sessionsBefore = liveSessionCount();
  afterAll(() => {
    expect(liveWorkerCount()).toBe(before);
    expect(liveSessionCount()).toBe(sessionsBefore);
  });

  it('busyWorkerCount: workers inside onnxruntime while loading and running, 0 when idle and after dispose', async () => {
    const loading = createInferencePool(model, { workers: 2, intraOpThreads: 1 });
    expect(busyWorkerCount()).toBe(2); // both are loading the model
    const pool = await loading;
    expect(busyWorkerCount()).toBe(0);
    const input = await photoTensor('fr_two_people.jpg');
    const runs = [pool.run({ input }, { copyInputs: true }), pool.run({ input }, { copyInputs: true }), pool.run({ input }, { copyInputs: true })];
    expect(busyWorkerCount()).toBe(2); // two running, one queued
    await Promise.all(runs);
    expect(busyWorkerCount()).toBe(0);
    await pool.dispose();
    expect(busyWorkerCount()).toBe(0);
  });

  it('gives outputs identical to an in-process session on a real photo (RFB-320)', async () => {
    const local = await createSessionRunner(model, { intraOpThreads: 1 }); // same threading as a pool worker: bit-identical
    const pool = await createInferencePool(model, { workers: 2, intraOpThreads: 1 });
    try {
      let maxScore = 0;
      for (const file of ['fr_obama-480p.jpg', 'ghostone_duo.jpg', 'fr_two_people.jpg']) {
        const t = await photoTensor(file);
        const a = await local.run({ input: t }, { copyInputs: true });
        const b = await pool.run({ input: t });
        expect(b.scores!.dims).toEqual([1, 4420, 2]);
        expect(b.boxes!.dims).toEqual([1, 4420, 4]);
        expect(Array.from(b.scores!.data as Float32Array)).toEqual(Array.from(a.scores!.data as Float32Array));
        expect(Array.from(b.boxes!.data as Float32Array)).toEqual(Array.from(a.boxes!.data as Float32Array));
        expect(t.data.byteLength).toBe(0); // transferred, not copied
        const s = b.scores!.data as Float32Array;
        for (let i = 1; i < s.length; i += 2) maxScore = Math.max(maxScore, s[i]!);
      }
      expect(maxScore).toBeGreaterThan(0.9); // real faces were seen: the comparison is not between two empty outputs
    } finally {
      await local.dispose();
      await pool.dispose();
    }
  });

  it('hands input buffers back (onInputs) and writes later results into recycled output buffers, values unchanged', async () => {
    const local = await createSessionRunner(model, { intraOpThreads: 1 });
    const pool = await createInferencePool(model, { workers: 1, intraOpThreads: 1 });
    try {
      const photos = ['fr_obama-480p.jpg', 'ghostone_duo.jpg', 'fr_two_people.jpg'];
      const tensors = await Promise.all(photos.map(photoTensor));
      const expected = [];
      for (const t of tensors) expected.push(await local.run({ input: t }, { copyInputs: true }));
      // in-process: onInputs gets the caller's own tensors back
      let own: Record<string, Tensor> | undefined;
      await local.run({ input: tensors[0]! }, { copyInputs: true, onInputs: (i) => (own = i) });
      expect(own!.input!.data).toBe(tensors[0]!.data);

      let previous: Record<string, Tensor> | undefined;
      for (let round = 0; round < 2; round++) {
        for (let k = 0; k < tensors.length; k++) {
          const sent = tensors[k]!.data.slice();
          const feed = { ...tensors[k]!, data: sent };
          let back: Record<string, Tensor> | undefined;
          const out = await pool.run({ input: feed }, { onInputs: (i) => (back = i) });
          expect(sent.byteLength).toBe(0); // transferred
          // the same input values came back in a live buffer the caller can reuse
          expect(back!.input!.data.length).toBe(3 * 240 * 320);
          expect(Array.from(back!.input!.data as Float32Array)).toEqual(Array.from(tensors[k]!.data as Float32Array));
          expect(Array.from(out.scores!.data as Float32Array)).toEqual(Array.from(expected[k]!.scores!.data as Float32Array));
          expect(Array.from(out.boxes!.data as Float32Array)).toEqual(Array.from(expected[k]!.boxes!.data as Float32Array));
          // the outputs of the run before went to the worker with this job (detached here), to hold a later result
          if (previous) expect(previous.scores!.data.byteLength).toBe(0);
          pool.recycle!(out);
          previous = out;
        }
      }
    } finally {
      await local.dispose();
      await pool.dispose();
    }
  });

  it('resolves results in call order across workers, each result matching its own input', async () => {
    const pool = await createInferencePool(model, { workers: 2, intraOpThreads: 1 });
    const local = await createSessionRunner(model, { intraOpThreads: 1 });
    try {
      const files = ['fr_biden.jpg', 'ghostone_duo.jpg', 'fr_obama-480p.jpg', 'anil_kid8.jpg'];
      const tensors = await Promise.all(files.map(photoTensor));
      const expected = await Promise.all(tensors.map(async (t) => (await local.run({ input: t })).scores!.data as Float32Array));
      const order: number[] = [];
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          pool.run({ input: tensors[i % 4]! }, { copyInputs: true }).then((r) => {
            order.push(i);
            return r;
          }),
        ),
      );
      expect(order).toEqual([...Array(12).keys()]);
      results.forEach((r, i) => expect(Array.from(r.scores!.data as Float32Array)).toEqual(Array.from(expected[i % 4]!)));
      expect(tensors[0]!.data.length).toBe(3 * 240 * 320); // copyInputs kept the caller's buffers
    } finally {
      await pool.dispose();
      await local.dispose();
    }
  });

  it('dispose rejects queued runs, lets in-flight ones finish, and waits for every worker to exit', async () => {
    const start = liveWorkerCount();
    const pool = await createInferencePool(model, { workers: 2, intraOpThreads: 1 });
    expect(liveWorkerCount()).toBe(start + 2);
    const t = await photoTensor('fr_biden.jpg');
    const runs = Array.from({ length: 6 }, () => settle(pool.run({ input: t }, { copyInputs: true })));
    await pool.dispose();
    expect(liveWorkerCount()).toBe(start);
    const outcomes = await Promise.all(runs);
    expect(outcomes.slice(0, 2).every((o) => o.ok)).toBe(true); // were running on the two workers
    for (const o of outcomes.slice(2)) {
      expect(o.ok).toBe(false);
      expect(!o.ok && o.error).toBeInstanceOf(DisposedError);
      expect(String(!o.ok && (o.error as Error).message)).toContain('version-RFB-320.onnx was disposed');
    }
    await expect(pool.run({ input: t })).rejects.toThrow(/was disposed/);
    await expect(pool.run({ input: t })).rejects.toBeInstanceOf(DisposedError);
    await pool.dispose(); // idempotent
  });

  it('validates feeds against the model metadata before sending (names, dims, type)', async () => {
    const pool = await createInferencePool(model, { workers: 1, modelId: 'ultraface-rfb-320' });
    try {
      const wrong = createTensor('float32', [1, 3, 320, 320]);
      const err = await pool.run({ input: wrong }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ShapeMismatchError);
      expect((err as Error).message).toBe('Expected input "input" of model ultraface-rfb-320 to be [1, 3, 240, 320], got [1, 3, 320, 320]');
      expect(wrong.data.length).toBe(3 * 320 * 320); // nothing was transferred
      await expect(pool.run({ image: createTensor('float32', [1, 3, 240, 320]) })).rejects.toThrow('Expected the feeds of model ultraface-rfb-320 to be tensors named ["input"], got ["image"]');
      await expect(pool.run({ input: createTensor('uint8', [1, 3, 240, 320]) })).rejects.toThrow(/element type to be float32, got uint8/);
      await expect(pool.run({ input: createTensor('float32', [1, 3, 240, 320]) }, { outputs: ['nope'] })).rejects.toThrow(ShapeMismatchError);
      const t = createTensor('float32', [1, 3, 240, 320]);
      await pool.run({ input: t });
      await expect(pool.run({ input: t })).rejects.toThrow(/buffer is detached .*copyInputs/);
    } finally {
      await pool.dispose();
    }
  });

  it('a run that fails inside onnxruntime rejects with InferenceError naming the model; the pool keeps working', async () => {
    const dyn = path.join(shared, 'models/yunet/yunet_s_dynamic.onnx');
    const pool = await createInferencePool(dyn, { workers: 1, modelId: 'yunet-dynamic' });
    try {
      const err = await pool.run({ input: createTensor('float32', [1, 3, 50, 70]) }).catch((e: unknown) => e); // not multiples of 32
      expect(err).toBeInstanceOf(InferenceError);
      expect((err as InferenceError).model).toBe('yunet-dynamic');
      expect((err as Error).message).toMatch(/^Inference failed in model yunet-dynamic: .*Add/);
      const ok = await pool.run({ input: createTensor('float32', [1, 3, 64, 64]) });
      expect(ok.cls_8!.dims).toEqual([1, 64, 1]);
    } finally {
      await pool.dispose();
    }
  });

  it('a worker crash rejects the in-flight run, marks the worker dead, and fails queued runs once none is left', async () => {
    // A worker script that runs the real worker but exits the thread on its 3rd run.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-crash-'));
    const script = path.join(dir, 'crashing-worker.mjs');
    fs.writeFileSync(
      script,
      `import { parentPort } from 'node:worker_threads';\nlet runs = 0;\nparentPort.on('message', (m) => { if (m.kind === 'run' && ++runs === 3) process.exit(7); });\n` +
        `await import(${JSON.stringify(new URL('./inference-worker.cjs', import.meta.url).href)});\n`,
    );
    const start = liveWorkerCount();
    const pool = await createInferencePool(model, { workers: 1, modelId: 'ultraface-rfb-320', workerUrl: pathToFileURL(script) });
    try {
      const t = createTensor('float32', [1, 3, 240, 320]);
      const outcomes = await Promise.all(Array.from({ length: 5 }, () => settle(pool.run({ input: t }, { copyInputs: true }))));
      expect(outcomes.map((o) => o.ok)).toEqual([true, true, false, false, false]);
      const crash = !outcomes[2]!.ok ? (outcomes[2]!.error as InferenceError) : undefined;
      expect(crash).toBeInstanceOf(InferenceError);
      expect(crash!.message).toBe('Inference worker for model ultraface-rfb-320 exited unexpectedly (code 7)');
      expect(String(!outcomes[3]!.ok && (outcomes[3]!.error as Error).message)).toContain('every inference worker has died');
      expect(liveWorkerCount()).toBe(start);
      await expect(pool.run({ input: t })).rejects.toThrow(InferenceError);
    } finally {
      await pool.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(liveWorkerCount()).toBe(start);
  });

  it('a text file renamed .onnx fails with ModelLoadError and leaves no worker behind', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-bad-'));
    const bad = path.join(dir, 'not-a-model.onnx');
    fs.writeFileSync(bad, 'this is a text file, not an ONNX protobuf\n');
    const start = liveWorkerCount();
    try {
      const err = await createInferencePool(bad, { workers: 2 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ModelLoadError);
      expect((err as Error).message).toContain(`onnxruntime could not load model not-a-model.onnx from ${bad}`);
      expect(liveWorkerCount()).toBe(start);
      await expect(createSessionRunner(bad)).rejects.toThrow(ModelLoadError);
      expect(liveSessionCount()).toBe(sessionsBefore);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('validates its options', async () => {
    await expect(createInferencePool(model, { workers: 0 })).rejects.toThrow(RangeError);
    await expect(createInferencePool(model, { workers: 1.5 })).rejects.toThrow('Expected `workers` to be an integer, got `1.5` (number)');
  });

  describe('split runs (PFLD-GhostOne 112, batch rewritten to dynamic)', () => {
    let file: string;
    let three: Float32Array;
    let batch3: Record<string, Tensor>;
    beforeAll(async () => {
      const prepared = await prepareModelFile([path.join(shared, 'models/landmarks/PFLD_GhostOne_112_1_opt_sim.onnx')], { batch: 'dynamic' });
      expect(prepared.dynamicBatch).toBe(true);
      file = prepared.path;
      three = await photoBatch(['fr_biden.jpg', 'dlib_Tom_Cruise_avp_2014_4.jpg', 'fr_obama-480p.jpg']);
      const local = await createSessionRunner(file, { intraOpThreads: 1, memPattern: false });
      try {
        batch3 = await local.run(pfldFeed(three)); // the batch-3 run, in-process
      } finally {
        await local.dispose();
      }
    });

    it('a split run of 3 in the worker returns what the batch-3 run returns (dims [3, 196]); the input comes back whole', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-split-'));
      const log = path.join(dir, 'runs.jsonl');
      const sessionRuns = (): unknown[] => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown) : []);
      const pool = await createInferencePool(file, { workers: 1, intraOpThreads: 1, memPattern: false, workerUrl: loggingWorker(dir, log) });
      try {
        const batched = await pool.run(pfldFeed(three), { copyInputs: true });
        expect(sessionRuns()).toEqual([[[3, 3, 112, 112]]]); // without split: one batch-3 session run
        const sent = three.slice();
        let back: Record<string, Tensor> | undefined;
        const split = await pool.run(pfldFeed(sent), { split: true, onInputs: (i) => (back = i) });
        expect(sessionRuns().slice(1)).toEqual([[[1, 3, 112, 112]], [[1, 3, 112, 112]], [[1, 3, 112, 112]]]); // one job, three batch-1 runs
        expect(sent.byteLength).toBe(0); // transferred whole, as for any run
        expect(Object.keys(split)).toEqual(Object.keys(batch3));
        expect(split.output!.type).toBe('float32');
        expect(split.output!.dims).toEqual([3, 196]);
        expect(values(split.output)).toEqual(values(batch3.output)); // bit for bit
        expect(values(batched.output)).toEqual(values(batch3.output));
        expect(values(split.output).slice(0, 196)).not.toEqual(values(split.output).slice(196, 392)); // distinct faces, distinct points
        expect(back!.input!.dims).toEqual([3, 3, 112, 112]);
        expect(back!.input!.data.length).toBe(3 * PLANE);
        expect(Array.from(back!.input!.data as Float32Array)).toEqual(Array.from(three));
      } finally {
        await pool.dispose();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a split run of 1 in the worker is a normal run', async () => {
      const pool = await createInferencePool(file, { workers: 1, intraOpThreads: 1, memPattern: false });
      try {
        const x = three.slice(PLANE, 2 * PLANE);
        const plain = await pool.run(pfldFeed(x), { copyInputs: true });
        const split = await pool.run(pfldFeed(x), { copyInputs: true, split: true });
        expect(split.output!.dims).toEqual([1, 196]);
        expect(values(split.output)).toEqual(values(plain.output));
        expect(values(split.output)).toEqual(values(batch3.output).slice(196, 392));
      } finally {
        await pool.dispose();
      }
    });

    it('recycled output buffers hold later split results: one buffer goes round, no new one per run', async () => {
      const pool = await createInferencePool(file, { workers: 1, intraOpThreads: 1, memPattern: false });
      try {
        await pool.run(pfldFeed(three), { copyInputs: true, split: true });
        // stand-in for the output of that run, marked so it can be recognised when it comes back
        const marked = new Float32Array(markedBuffer(3 * 196 * 4, 4096));
        pool.recycle!({ output: { type: 'float32', dims: [3, 196], data: marked } });
        let previous: Record<string, Tensor> | undefined;
        for (let k = 0; k < 4; k++) {
          const out = await pool.run(pfldFeed(three), { copyInputs: true, split: true });
          expect(maxByteLength(out.output), `run ${k}`).toBe(4096); // the recycled buffer, holding this run's result
          expect(out.output!.dims).toEqual([3, 196]);
          expect(values(out.output)).toEqual(values(batch3.output));
          if (previous) expect(previous.output!.data.byteLength).toBe(0); // went to the worker with this job
          pool.recycle!(out);
          previous = out;
        }
        expect(marked.byteLength).toBe(0);
      } finally {
        await pool.dispose();
      }
    });

    it('split feeds are validated before anything is sent', async () => {
      const pool = await createInferencePool(file, { workers: 1, intraOpThreads: 1, memPattern: false });
      try {
        const wrong = createTensor('float32', [3, 3, 112, 111]);
        await expect(pool.run({ input: wrong }, { split: true })).rejects.toBeInstanceOf(ShapeMismatchError);
        expect(wrong.data.length).toBe(3 * 3 * 112 * 111); // not transferred
      } finally {
        await pool.dispose();
      }
    });
  });
});
