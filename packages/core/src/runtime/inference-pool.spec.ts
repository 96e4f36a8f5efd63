import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { DisposedError, ModelLoadError, ShapeMismatchError } from '../shared/errors.js';
import { imageToTensor } from '../image/image-to-tensor.js';
import { busyWorkerCount, createInferencePool, liveWorkerCount } from './inference-pool.js';
import { InferenceError } from '../shared/errors.js';
import { createSessionRunner, liveSessionCount } from './session-runner.js';
import { createTensor, type Tensor } from '../tensor/tensor.js';

const shared = process.env.FACEPIPE_SHARED!;
const model = path.join(shared, 'models/ultraface/version-RFB-320.onnx');

async function photoTensor(file: string): Promise<Tensor<'float32'>> {
  const { data, info } = await sharp(path.join(shared, 'data/photos', file)).removeAlpha().resize(320, 240, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
  return imageToTensor({ data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 }, { mean: 127, std: 128 });
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
});
