import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecoderError, liveSessionCount, ModelLoadError } from '@facepipe/core';
import { evaluateMasks, readSegmentationIndex } from './evaluate-masks.js';
import { PortraitSegmenter } from './portrait-segmenter.js';
import { segmentationMetric } from './segmentation-metric.js';

const shared = process.env.FACEPIPE_SHARED!;
const models = process.env.FACEPIPE_MODELS!;
const index = path.join(shared, 'data/segmentation/hsd/index.json');

describe('segmentationMetric', () => {
  it('scores a model file configured from the preset, as evaluateMasks does on the registry model (Prisma-Net, 4 HSD pairs)', async () => {
    const sessions = liveSessionCount();
    const pairs = readSegmentationIndex(index).slice(0, 4);
    const file = path.join(models, 'segmentation/prisma-net_256_nchw.onnx');
    const modelRes = segmentationMetric({ index: pairs, tolerance: 0.02 });
    expect(modelRes).toMatchObject({ name: 'mIoU (model resolution)', higherIsBetter: true, tolerance: 0.02 });
    const photoRes = segmentationMetric({ index: pairs, resolution: 'photo' });
    const [m, p] = [await modelRes.evaluate(file), await photoRes.evaluate(file)];
    const seg = await PortraitSegmenter.create({ model: 'prisma-unet-256', workers: 0 });
    try {
      const ref = await evaluateMasks(seg, pairs);
      expect(m).toBeCloseTo(ref.meanIouModel, 6);
      expect(p).toBeCloseTo(ref.meanIou, 6);
    } finally {
      await seg.dispose();
    }
    console.log(`segmentationMetric Prisma-Net, 4 HSD pairs: model res ${m.toFixed(4)}, photo res ${p.toFixed(4)}`);
    expect(m).toBeGreaterThan(0.85);
    expect(liveSessionCount()).toBe(sessions);
  });

  it('rejects bad options at once, and an unreadable index or a model that does not fit the preset on evaluate', async () => {
    expect(() => segmentationMetric({ index: 7 as never })).toThrow(/Expected `index` to be a seg-pairs-v1 index path/);
    expect(() => segmentationMetric({ index, preset: 'pfld-68' as never })).toThrow(/`preset`/);
    expect(() => segmentationMetric({ index, resolution: 'native' as never })).toThrow(/`resolution`/);
    expect(() => segmentationMetric({ index, threshold: 0 })).toThrow(RangeError);
    await expect(segmentationMetric({ index: path.join(shared, 'nope/index.json') }).evaluate('prisma-unet-256')).rejects.toBeInstanceOf(DecoderError);
    // a model that does not fit the preset (SINet's 320x320 input vs Prisma-Net's 256x256)
    await expect(segmentationMetric({ index }).evaluate('sinet-320')).rejects.toBeInstanceOf(ModelLoadError);
  });
});
