import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DisposedError, InferenceError, ModelLoadError, ShapeMismatchError } from '../shared/errors.js';
import { createSessionRunner, liveSessionCount, sessionOptions } from './session-runner.js';
import { createTensor } from '../tensor/tensor.js';

const models = process.env.FACEPIPE_MODELS!;

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
