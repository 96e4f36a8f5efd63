import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelLoadError } from '../shared/errors.js';
import { liveWorkerCount } from './inference-pool.js';
import { openMergedModel } from './open-merged-model.js';
import { openModel } from './open-model.js';
import { liveSessionCount } from './session-runner.js';

describe('openMergedModel', () => {
  it('FSA-Net 1x1 + var in one worker session: one run of 3 crops gives both heads, as the two models do one crop at a time', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-merged-'));
    const w0 = liveWorkerCount();
    const ids = ['fsanet-1x1', 'fsanet-var'];
    const merged = await openMergedModel(ids, { batch: 'dynamic', workers: 1, cacheDir, expect: { inputs: { input: [null, 3, 64, 64] }, outputs: { 'm0/output': [null, 3], 'm1/output': [null, 3] } } });
    const singles = await Promise.all(ids.map(async (id) => (await openModel(id, { workers: 0 })).runner));
    try {
      expect(merged.modelIds).toEqual(ids);
      expect(merged.runner.inputs[0]!.dims).toEqual(['batch', 3, 64, 64]);
      const plane = 3 * 64 * 64;
      const x = Float32Array.from({ length: 3 * plane }, (_, i) => Math.cos(i * 0.11));
      const out = await merged.runner.run({ input: { type: 'float32', dims: [3, 3, 64, 64], data: x } }, { copyInputs: true });
      for (const [m, single] of singles.entries()) {
        const got = out[merged.outputName(m, 'output')]!;
        expect(got.dims).toEqual([3, 3]);
        for (let k = 0; k < 3; k++) {
          const ref = (await single.run({ input: { type: 'float32', dims: [1, 3, 64, 64], data: x.slice(k * plane, (k + 1) * plane) } })).output!.data as Float32Array;
          for (let j = 0; j < 3; j++) expect(Math.abs((got.data as Float32Array)[3 * k + j]! - ref[j]!)).toBeLessThan(1e-3);
        }
      }
    } finally {
      await merged.runner.dispose();
      await Promise.all(singles.map((s) => s.dispose()));
    }
    expect(liveWorkerCount()).toBe(w0);
  });

  it('rejects an empty list and unknown ids without leaking sessions', async () => {
    const s0 = liveSessionCount();
    await expect(openMergedModel([])).rejects.toBeInstanceOf(TypeError);
    await expect(openMergedModel(['fsanet-1x1', 'no-such-model'], { workers: 0 })).rejects.toBeInstanceOf(ModelLoadError);
    expect(liveSessionCount()).toBe(s0);
  });
});
