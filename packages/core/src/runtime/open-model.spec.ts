import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelLoadError, ShapeMismatchError } from '../shared/errors.js';
import { liveWorkerCount } from './inference-pool.js';
import { openModel } from './open-model.js';
import { liveSessionCount } from './session-runner.js';
import { createTensor } from '../tensor/tensor.js';

const detectorExpectation = { inputs: { input: [1, 3, null, null] }, outputs: { scores: [1, null, 2], boxes: [1, null, 4] } } as const;

describe('openModel', () => {
  it('opens a registry id in a worker (default) or in-process, with its spec and id', async () => {
    for (const workers of [1, 0]) {
      const { runner, spec } = await openModel('ultraface-rfb-320', { workers, expect: detectorExpectation });
      try {
        expect(spec?.input).toMatchObject({ name: 'input', width: 320, height: 240 });
        expect(runner.modelId).toBe('ultraface-rfb-320');
        expect(runner.inputs).toEqual([{ name: 'input', type: 'float32', dims: [1, 3, 240, 320] }]);
        const out = await runner.run({ input: createTensor('float32', [1, 3, 240, 320]) });
        expect(out.scores!.dims).toEqual([1, 4420, 2]);
      } finally {
        await runner.dispose();
      }
    }
  });

  it('a landmark model opened with a detector expectation fails with ModelLoadError naming the tensors, and leaks nothing', async () => {
    const workersBefore = liveWorkerCount();
    const sessionsBefore = liveSessionCount();
    for (const workers of [0, 1]) {
      const err = await openModel('pfld-ghostone-98', { workers, expect: detectorExpectation }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ModelLoadError);
      expect((err as Error).message).toBe(
        'Model pfld-ghostone-98 has no output named "scores" (its outputs: "output" [1,196]). Is this the right model for this stage?',
      );
    }
    expect(liveWorkerCount()).toBe(workersBefore);
    expect(liveSessionCount()).toBe(sessionsBefore);
  });

  it('a detector opened with a landmark input expectation fails with ShapeMismatchError', async () => {
    const err = await openModel('ultraface-rfb-320', { workers: 0, expect: { inputs: { input: [1, 3, 112, 112] } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShapeMismatchError);
    expect(err).toMatchObject({ subject: 'input "input" of model ultraface-rfb-320', expected: '[1, 3, 112, 112]', actual: '[1, 3, 240, 320]' });
  });

  it('symbolic dims match any expected size', async () => {
    const { runner } = await openModel('yunet-dynamic', { workers: 0, expect: { inputs: { input: [1, 3, 640, 640] }, outputs: { cls_8: [1, null, 1] } } });
    expect(runner.inputs[0]!.dims).toEqual(['batch', 3, 'height', 'width']);
    await runner.dispose();
  });

  it('an explicit path of a known file picks up its registry spec and id', async () => {
    const file = path.join(process.env.FACEPIPE_MODELS!, 'landmarks', 'PFLD_GhostOne_112_1_opt_sim.onnx');
    const { runner, spec } = await openModel(file, { workers: 0 });
    expect(spec?.id).toBe('pfld-ghostone-98');
    expect(runner.modelId).toBe('pfld-ghostone-98');
    expect(runner.modelPath).toBe(file);
    await runner.dispose();
  });

  it('validates `workers`', async () => {
    await expect(openModel('ultraface-rfb-320', { workers: -1 })).rejects.toThrow('Expected `workers` to be an integer in [0, 64], got `-1` (number)');
  });
});
