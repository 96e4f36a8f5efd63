import { describe, expect, it } from 'vitest';
import { resolveModel } from '@facepipe/core';
import '@facepipe/detector';
import '@facepipe/segmentation';
import { graphOf, readOnnxModel } from './onnx-model.js';
import { assertOpsetUpgradable, upgradeOpset } from './upgrade-opset.js';

describe('upgradeOpset / assertOpsetUpgradable', () => {
  it('raises opset-9 UltraFace RFB-320 to 10: BatchNormalization-9 is current, the six opset-1 Slices get input form', async () => {
    const model = readOnnxModel((await resolveModel('ultraface-rfb-320')).path);
    const before = graphOf(model).node.filter((n) => n.opType === 'Slice').map((n) => (n.attribute.find((a) => a.name === 'starts')!.ints ?? []).map(Number));
    upgradeOpset(model, 10);
    expect(model.opsetImport.find((o) => !o.domain)!.version).toBe(10);
    const slices = graphOf(model).node.filter((n) => n.opType === 'Slice');
    const inits = new Map(graphOf(model).initializer.map((t) => [t.name, t]));
    expect(slices.map((n) => [...new BigInt64Array(inits.get(n.input[1]!)!.rawData.slice().buffer)].map(Number))).toEqual(before);
    for (const n of slices) expect(n.attribute).toEqual([]);
  });

  it('refuses to raise a graph with an op whose schema changed in between (DeepLab: opset-8 Upsample)', async () => {
    const model = readOnnxModel((await resolveModel('deeplab-mnv2-513')).path);
    let err: unknown;
    try {
      assertOpsetUpgradable(model, 10);
    } catch (e) {
      err = e;
    }
    expect((err as Error).name).toBe('UnsupportedModelError');
    expect((err as { ops: string[] }).ops).toEqual(['BatchNormalization', 'Upsample']); // BatchNormalization-7 changed at 9 too
    expect((err as Error).message).toMatch(/Cannot raise ai\.onnx opset 8 -> 10 .*BatchNormalization, Upsample/);
  });
});
