import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { modelRegistry, resolveModel } from '@facepipe/core';
import '@facepipe/detector';
import '@facepipe/landmarks';
import { compareModels } from './compare-models.js';
import { foldBatchNorm } from './fold-batch-norm.js';
import { loadCalibrationSamples } from './load-calibration-samples.js';
import { graphOf, readOnnxModel } from './onnx-model.js';
import { unshareWeights } from './unshare-weights.js';
import { assertOpsetUpgradable, upgradeOpset } from './upgrade-opset.js';

const shared = process.env.FACEPIPE_SHARED!;
const count = (model: ReturnType<typeof readOnnxModel>, op: string) => graphOf(model).node.filter((n) => n.opType === op).length;

describe('graph preparation of the opset-9 models with BatchNorm (default UltraFace, FSA-Net)', () => {
  it('ultraface-rfb-320: BatchNorm folded, Slice rewritten to opset 10; the prepared graph computes what the original does', async () => {
    const file = (await resolveModel('ultraface-rfb-320')).path;
    const original = readOnnxModel(file);
    const prepared = readOnnxModel(file);
    expect(count(original, 'BatchNormalization')).toBe(35);
    expect(foldBatchNorm(prepared)).toBe(35);
    expect(count(prepared, 'BatchNormalization')).toBe(0);
    expect(count(prepared, 'Conv')).toBe(52);
    assertOpsetUpgradable(prepared, 10);
    upgradeOpset(prepared, 10);
    expect(prepared.opsetImport.find((o) => !o.domain)!.version).toBe(10);
    const slices = graphOf(prepared).node.filter((n) => n.opType === 'Slice');
    expect(slices).toHaveLength(6);
    for (const s of slices) {
      expect(s.input).toHaveLength(4);
      expect(s.attribute).toHaveLength(0);
    }
    const samples = await loadCalibrationSamples(path.join(shared, 'data/faces/dlib_pascal/images'), modelRegistry.get('ultraface-rfb-320')!.input, { maxSamples: 2 });
    const cmp = await compareModels(original, prepared, samples, { intraOpThreads: 1 });
    for (const name of ['scores', 'boxes']) {
      expect(cmp.outputs[name]!.maxAbs).toBeLessThan(1e-4);
      expect(cmp.outputs[name]!.sqnrDb).toBeGreaterThan(100);
    }
  });

  it('fsanet-1x1: shared Gemm weights get their own copies; 14 BatchNorms folded; Slices rewritten; outputs unchanged', async () => {
    const file = (await resolveModel('fsanet-1x1')).path;
    const original = readOnnxModel(file);
    const prepared = readOnnxModel(file);
    expect(unshareWeights(prepared)).toBeGreaterThanOrEqual(4); // at least fgsm.fm.weight and .bias, read by three Gemms
    const uses = new Map<string, number>();
    for (const n of graphOf(prepared).node) if (['Conv', 'Gemm', 'MatMul'].includes(n.opType)) for (const x of n.input.slice(1)) uses.set(x, (uses.get(x) ?? 0) + 1);
    const inits = new Set(graphOf(prepared).initializer.map((t) => t.name));
    expect([...uses].filter(([name, k]) => inits.has(name) && k > 1)).toEqual([]);
    expect(foldBatchNorm(prepared)).toBe(14);
    upgradeOpset(prepared, 10);
    const crops = await loadCalibrationSamples(path.join(shared, 'data/photos'), modelRegistry.get('fsanet-1x1')!.input, { maxSamples: 2 });
    const cmp = await compareModels(original, prepared, crops, { intraOpThreads: 1 });
    expect(cmp.outputs.output!.maxAbs).toBeLessThan(1e-3); // degrees
  });
});
