import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveSessionCount } from '@facepipe/core';
import { evaluateMasks, maskIou, readSegmentationIndex } from './evaluate-masks.js';
import { PortraitSegmenter } from './portrait-segmenter.js';

const shared = process.env.FACEPIPE_SHARED!;
const index = path.join(shared, 'data/segmentation/hsd/index.json');

describe('maskIou', () => {
  it('counts >= 128 as on', () => {
    expect(maskIou(new Uint8Array([255, 255, 0, 0]), new Uint8Array([255, 0, 255, 0]))).toBeCloseTo(1 / 3, 10);
    expect(maskIou(new Uint8Array([0, 0]), new Uint8Array([0, 127]))).toBe(1);
    expect(() => maskIou(new Uint8Array(2), new Uint8Array(3))).toThrow(RangeError);
  });
});

describe('evaluateMasks on the 30 HSD pairs', () => {
  const pairs = readSegmentationIndex(index);
  let prisma: PortraitSegmenter;
  let sinet: PortraitSegmenter;
  const sessions0 = liveSessionCount();
  beforeAll(async () => {
    prisma = await PortraitSegmenter.create({ model: 'prisma-unet-256', workers: 0, intraOpThreads: 1 });
    sinet = await PortraitSegmenter.create({ model: 'sinet-320', workers: 0, intraOpThreads: 1 });
  });
  afterAll(async () => {
    await prisma.dispose();
    await sinet.dispose();
    expect(liveSessionCount()).toBe(sessions0);
  });

  it('reads 30 pairs', () => {
    expect(pairs).toHaveLength(30);
  });

  it('Prisma-Net mIoU >= 0.913 and SINet >= 0.882 (ASSETS.md: 0.915 / 0.883)', async () => {
    const results: Record<string, number> = {};
    for (const [name, seg] of [['prisma', prisma], ['sinet', sinet]] as const) {
      const r = await evaluateMasks(seg, pairs);
      expect(r.perImage).toHaveLength(30);
      for (const s of r.perImage) {
        expect(s.iou).toBeGreaterThanOrEqual(0);
        expect(s.iou).toBeLessThanOrEqual(1);
      }
      results[`${name}_photoRes`] = Number(r.meanIou.toFixed(4));
      results[`${name}_modelRes`] = Number(r.meanIouModel.toFixed(4));
      results[`${name}_minIou`] = Number(Math.min(...r.perImage.map((s) => s.iou)).toFixed(4));
      // both protocols agree to within a point
      expect(Math.abs(r.meanIou - r.meanIouModel)).toBeLessThan(0.01);
    }
    console.log('segmentation mIoU (30 HSD pairs)', results);
    // measured with the default fused antialiased ('area') input: 0.9135 / 0.8828
    expect(results.prisma_photoRes).toBeGreaterThanOrEqual(0.913);
    expect(results.sinet_photoRes).toBeGreaterThanOrEqual(0.882);
  });

  it('letterbox: edge (replicate) padding is not worse than zero padding', async () => {
    const edge = await PortraitSegmenter.create({ model: 'prisma-unet-256', workers: 0, intraOpThreads: 1, inputPolicy: 'letterbox', padding: 'edge' });
    const zero = await PortraitSegmenter.create({ model: 'prisma-unet-256', workers: 0, intraOpThreads: 1, inputPolicy: 'letterbox', padding: 'constant', padValue: 0 });
    try {
      const e = await evaluateMasks(edge, pairs);
      const z = await evaluateMasks(zero, pairs);
      const worse = e.perImage.filter((s, i) => s.iou < z.perImage[i]!.iou - 0.01).length;
      console.log('prisma letterbox mIoU', { edge: Number(e.meanIou.toFixed(4)), zero: Number(z.meanIou.toFixed(4)), imagesWhereEdgeLosesOver1pt: worse });
      expect(e.meanIou).toBeGreaterThanOrEqual(z.meanIou);
    } finally {
      await edge.dispose();
      await zero.dispose();
    }
  });
});
