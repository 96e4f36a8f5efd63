import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { ModelLoadError } from '../shared/errors.js';
import { prepareModelFile } from './prepare-model-file.js';

const { onnx } = onnxProto;
const models = process.env.FACEPIPE_MODELS!;
const pfld = path.join(models, 'landmarks/PFLD_GhostOne_112_1_opt_sim.onnx');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fp-prepared-'));

/** A batch-1 graph the rewrite cannot make batch-safe: Reshape to a literal [4] (no leading 1). */
function flattenToFour(file: string): void {
  const vi = (name: string, dims: number[]) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'flatten-to-four',
      input: [vi('x', [1, 4])],
      output: [vi('y', [4])],
      initializer: [{ name: 'shape', dataType: 7, dims: [1], rawData: new Uint8Array(BigInt64Array.of(4n).buffer) }],
      node: [{ opType: 'Reshape', input: ['x', 'shape'], output: ['y'], name: 'r' }],
    },
  });
  fs.writeFileSync(file, onnx.ModelProto.encode(model).finish());
}

describe('prepareModelFile', () => {
  it('rewrites PFLD-GhostOne to any batch once, then serves it from the cache', async () => {
    const cacheDir = tmp();
    const a = await prepareModelFile([pfld], { batch: 'dynamic', cacheDir });
    expect(a.dynamicBatch).toBe(true);
    expect(path.dirname(a.path)).toBe(cacheDir);
    const mtime = fs.statSync(a.path).mtimeMs;
    const b = await prepareModelFile([pfld], { batch: 'dynamic', cacheDir });
    expect(b).toEqual(a);
    expect(fs.statSync(b.path).mtimeMs).toBe(mtime);
    // the prepared file takes 3 faces at once and gives what 3 single runs of the original give
    const opts = { logSeverityLevel: 3 as const, intraOpNumThreads: 1 };
    const [orig, batched] = await Promise.all([ort.InferenceSession.create(pfld, opts), ort.InferenceSession.create(a.path, opts)]);
    const plane = 3 * 112 * 112;
    const x = Float32Array.from({ length: 3 * plane }, (_, i) => Math.sin(i * 0.37));
    const all = (await batched.run({ input: new ort.Tensor('float32', x, [3, 3, 112, 112]) })).output!;
    expect(all.dims).toEqual([3, 196]);
    for (let k = 0; k < 3; k++) {
      const one = (await orig.run({ input: new ort.Tensor('float32', x.slice(k * plane, (k + 1) * plane), [1, 3, 112, 112]) })).output!.data as Float32Array;
      const part = (all.data as Float32Array).subarray(k * 196, (k + 1) * 196);
      expect(Math.max(...one.map((v, i) => Math.abs(v - part[i]!)))).toBeLessThan(1e-4);
    }
    await Promise.all([orig.release(), batched.release()]);
  });

  it('keeps a model whose batch the rewrite cannot free as it is (dynamicBatch false, the source path)', async () => {
    const dir = tmp();
    const file = path.join(dir, 'flatten-to-four.onnx');
    flattenToFour(file);
    const p = await prepareModelFile([file], { batch: 'dynamic', cacheDir: path.join(dir, 'cache') });
    expect(p).toEqual({ path: file, dynamicBatch: false });
  });

  it('a missing or non-ONNX file is a ModelLoadError', async () => {
    const dir = tmp();
    await expect(prepareModelFile([path.join(dir, 'nope.onnx')], { batch: 'dynamic', cacheDir: dir })).rejects.toBeInstanceOf(ModelLoadError);
    const junk = path.join(dir, 'junk.onnx');
    fs.writeFileSync(junk, 'not a model');
    await expect(prepareModelFile([junk], { batch: 'dynamic', cacheDir: dir })).rejects.toThrow(/Cannot decode ONNX model junk\.onnx/);
    await expect(prepareModelFile([], {})).rejects.toBeInstanceOf(ModelLoadError);
  });
});
