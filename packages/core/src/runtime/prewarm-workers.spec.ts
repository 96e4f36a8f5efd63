import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelLoadError } from '../shared/errors.js';
import { createTensor } from '../tensor/tensor.js';
import { busyWorkerCount, createInferencePool, liveWorkerCount } from './inference-pool.js';
import { discardPrewarmedWorkers, prewarmedWorkerCount, prewarmInferenceWorkers, takePrewarmedWorker } from './prewarm-workers.js';

const model = path.join(process.env.FACEPIPE_SHARED!, 'models/ultraface/version-RFB-320.onnx');

describe('prewarmInferenceWorkers', () => {
  afterEach(async () => {
    await discardPrewarmedWorkers();
    expect(prewarmedWorkerCount()).toBe(0);
  });

  it('pools take the waiting workers first (same results as a new worker), and the rest are discarded', async () => {
    const before = liveWorkerCount();
    prewarmInferenceWorkers(3);
    prewarmInferenceWorkers(2); // counts those already waiting: still 3
    expect(prewarmedWorkerCount()).toBe(3);
    const warm = await createInferencePool(model, { workers: 2, intraOpThreads: 1 });
    expect(prewarmedWorkerCount()).toBe(1);
    const cold = await createInferencePool(model, { workers: 1, intraOpThreads: 1, workerUrl: new URL('./inference-worker.cjs', import.meta.url) });
    expect(prewarmedWorkerCount()).toBe(1); // a pool with its own worker script spawns its own
    try {
      expect(liveWorkerCount()).toBe(before + 3);
      const input = createTensor('float32', [1, 3, 240, 320]);
      for (let i = 0; i < input.data.length; i++) input.data[i] = Math.sin(i) * 0.5;
      const a = await warm.run({ input }, { copyInputs: true });
      const b = await cold.run({ input }, { copyInputs: true });
      expect(warm.inputs).toEqual(cold.inputs);
      expect(Array.from(a.scores!.data as Float32Array)).toEqual(Array.from(b.scores!.data as Float32Array));
    } finally {
      await warm.dispose();
      await cold.dispose();
    }
    expect(liveWorkerCount()).toBe(before);
    await discardPrewarmedWorkers();
    expect(prewarmedWorkerCount()).toBe(0);
  });

  it('a prewarmed worker told a bad model reports the load error as a new worker would', async () => {
    prewarmInferenceWorkers(1);
    const err = await createInferencePool(path.join(process.env.FACEPIPE_SHARED!, 'data/photos/fr_biden.jpg'), { workers: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    expect((err as Error).message).toMatch(/onnxruntime could not load model fr_biden\.jpg/);
    expect(prewarmedWorkerCount()).toBe(0);
  });

  it('discarding workers still loading onnxruntime waits for the load (ending one inside it aborts the process), and they count as busy until then', async () => {
    for (let round = 0; round < 5; round++) {
      const before = busyWorkerCount();
      prewarmInferenceWorkers(2);
      expect(busyWorkerCount()).toBe(before + 2); // loading onnxruntime: a CLI stopping on a signal waits for them
      const discarding = discardPrewarmedWorkers(); // at once, as a command failing on a usage error does
      expect(busyWorkerCount()).toBe(before + 2); // still loading while being discarded
      await discarding;
      expect(busyWorkerCount()).toBe(before);
      expect(prewarmedWorkerCount()).toBe(0);
    }
  });

  it('takePrewarmedWorker hands each waiting worker over once; a bad count throws', async () => {
    prewarmInferenceWorkers(1);
    const w = takePrewarmedWorker()!;
    expect(w).toBeDefined();
    expect(takePrewarmedWorker()).toBeUndefined();
    await w.terminate();
    expect(() => prewarmInferenceWorkers(-1)).toThrow(RangeError);
  });
});
