import path from 'node:path';
import ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DisposedError, InferenceError, ModelLoadError, ShapeMismatchError } from '../shared/errors.js';
import { createSessionRunner, liveSessionCount, sessionOptions, splitCount } from './session-runner.js';
import { prepareModelFile } from './prepare-model-file.js';
import { createTensor, type Tensor } from '../tensor/tensor.js';
import { PFLD_PLANE, pfldFeed, pfldPhotoBatch } from '../test-support/pfld-photo-batch.js';

const models = process.env.FACEPIPE_MODELS!;
const PLANE = PFLD_PLANE;
const photoBatch = pfldPhotoBatch;
const feed = pfldFeed;
const values = (t: Tensor | undefined): number[] => Array.from(t!.data as Float32Array);

describe('createSessionRunner', () => {
  it('loads a model with its metadata, runs it, and counts live sessions', async () => {
    const before = liveSessionCount();
    const runner = await createSessionRunner(path.join(models, 'headpose/fsanet-1x1-iter-688590.onnx'), { intraOpThreads: 1, modelId: 'fsanet-1x1' });
    expect(liveSessionCount()).toBe(before + 1);
    expect(runner.inputs).toEqual([{ name: 'input', type: 'float32', dims: [1, 3, 64, 64] }]);
    expect(runner.outputs).toEqual([{ name: 'output', type: 'float32', dims: [1, 3] }]);
    const out = await runner.run({ input: createTensor('float32', [1, 3, 64, 64]) });
    expect(out.output!.dims).toEqual([1, 3]);
    expect(Array.from(out.output!.data as Float32Array).every(Number.isFinite)).toBe(true);
    await runner.dispose();
    await runner.dispose(); // idempotent
    expect(liveSessionCount()).toBe(before);
    const err = await runner.run({ input: createTensor('float32', [1, 3, 64, 64]) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DisposedError);
    expect(err).toMatchObject({ name: 'DisposedError', resource: 'model runner', model: 'fsanet-1x1', message: 'Model fsanet-1x1 was disposed' });
  });

  it('validates feeds with the same helper as the pool', async () => {
    const runner = await createSessionRunner(path.join(models, 'landmarks/PFLD_GhostOne_112_1_opt_sim.onnx'), { modelId: 'pfld-ghostone-98' });
    try {
      await expect(runner.run({ input: createTensor('float32', [1, 3, 112, 111]) })).rejects.toThrow(
        new ShapeMismatchError('input "input" of model pfld-ghostone-98', '[1, 3, 112, 112]', '[1, 3, 112, 111]'),
      );
      await expect(runner.run({})).rejects.toThrow('Expected the feeds of model pfld-ghostone-98 to be tensors named ["input"], got []');
      await expect(runner.run({ input: { type: 'float32', dims: [1, 3, 112, 112], data: new Float32Array(5) } })).rejects.toThrow(
        'Expected input "input" of model pfld-ghostone-98 data (dims [1, 3, 112, 112]) to be 37632 elements, got 5 elements',
      );
    } finally {
      await runner.dispose();
    }
  });

  it('wraps onnxruntime run failures in InferenceError naming the model', async () => {
    const runner = await createSessionRunner(path.join(models, 'yunet/yunet_s_dynamic.onnx'), { modelId: 'yunet-dynamic' });
    try {
      const err = await runner.run({ input: createTensor('float32', [1, 3, 50, 70]) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InferenceError);
      expect((err as Error).message).toMatch(/^Inference failed in model yunet-dynamic: /);
      expect((err as Error).cause).toBeInstanceOf(Error);
    } finally {
      await runner.dispose();
    }
  });

  it('a missing file is a ModelLoadError naming the path', async () => {
    await expect(createSessionRunner('/nonexistent/model.onnx')).rejects.toThrow(new ModelLoadError('Model file not found: /nonexistent/model.onnx', 'model.onnx'));
  });

  it('session options: quiet logging, sequential, no spinning by default, explicit threads only when asked', () => {
    expect(sessionOptions()).toEqual({
      logSeverityLevel: 3,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
    });
    expect(sessionOptions({ spinning: true })).not.toHaveProperty('extra');
    expect(sessionOptions({ intraOpThreads: 2 })).toMatchObject({ intraOpNumThreads: 2, interOpNumThreads: 1 });
  });
});

describe('createSessionRunner split runs (PFLD-GhostOne 112, batch rewritten to dynamic)', () => {
  let file: string;
  let three: Float32Array;
  beforeAll(async () => {
    const prepared = await prepareModelFile([path.join(models, 'landmarks/PFLD_GhostOne_112_1_opt_sim.onnx')], { batch: 'dynamic' });
    expect(prepared.dynamicBatch).toBe(true);
    file = prepared.path;
    three = await photoBatch(['fr_biden.jpg', 'dlib_Tom_Cruise_avp_2014_4.jpg', 'fr_obama-480p.jpg']);
  });

  it('a split run of 3 returns what the batch-3 run returns: same names, type, dims [3, 196], equal values', async () => {
    const runner = await createSessionRunner(file, { intraOpThreads: 1, memPattern: false });
    try {
      const batch = await runner.run(feed(three));
      let back: Record<string, Tensor> | undefined;
      // the class behind InferenceSession.create (its typings only show the factory)
      const sessionClass = ort.InferenceSession as unknown as { prototype: { run(feeds: Record<string, ort.Tensor>, ...rest: unknown[]): Promise<unknown> } };
      const spy = vi.spyOn(sessionClass.prototype, 'run');
      let split: Record<string, Tensor>;
      try {
        split = await runner.run(feed(three), { split: true, onInputs: (i) => (back = i) });
        // three batch-1 session runs, on views of the caller's buffer (no copies)
        expect(spy.mock.calls.map(([feeds]) => feeds.input!.dims)).toEqual([[1, 3, 112, 112], [1, 3, 112, 112], [1, 3, 112, 112]]);
        expect(spy.mock.calls.map(([feeds]) => (feeds.input!.data as Float32Array).buffer === three.buffer)).toEqual([true, true, true]);
      } finally {
        spy.mockRestore();
      }
      expect(Object.keys(split)).toEqual(Object.keys(batch));
      expect(split.output!.type).toBe('float32');
      expect(split.output!.dims).toEqual([3, 196]);
      expect(split.output!.data).toBeInstanceOf(Float32Array);
      expect(values(split.output)).toEqual(values(batch.output)); // bit for bit
      // each item is its own batch-1 run: item 1 is not item 0 again (the views' offsets are honoured)
      const one = await runner.run(feed(three.slice(PLANE, 2 * PLANE)));
      expect(values(one.output)).toEqual(values(split.output).slice(196, 392));
      expect(values(one.output)).not.toEqual(values(split.output).slice(0, 196));
      expect(back!.input!.data).toBe(three); // onInputs gets the whole caller buffer
      expect(three.length).toBe(3 * PLANE);
    } finally {
      await runner.dispose();
    }
  });

  it('a split run of 1 is a normal run', async () => {
    const runner = await createSessionRunner(file, { intraOpThreads: 1, memPattern: false });
    try {
      const x = three.slice(0, PLANE);
      const plain = await runner.run(feed(x));
      const split = await runner.run(feed(x), { split: true, outputs: ['output'] });
      expect(split.output!.dims).toEqual([1, 196]);
      expect(values(split.output)).toEqual(values(plain.output));
    } finally {
      await runner.dispose();
    }
  });

  it('splitCount: the leading dim every feed shares; feeds that disagree are a ShapeMismatchError', () => {
    expect(splitCount('m', { a: createTensor('float32', [4, 2]), b: createTensor('int32', [4]) })).toBe(4);
    expect(splitCount('m', {})).toBe(1);
    expect(() => splitCount('m', { a: createTensor('float32', [4, 2]), b: createTensor('float32', [3, 2]) })).toThrow(
      new ShapeMismatchError('the feeds of a split run of model m', 'tensors with one leading dim', '[4, 2], [3, 2]'),
    );
  });
});
