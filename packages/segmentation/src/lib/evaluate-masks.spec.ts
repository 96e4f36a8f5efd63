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
    prisma = await PortraitSegmenter.create({ model: 'prisma-unet-256', workers: 0 });
    sinet = await PortraitSegmenter.create({ model: 'sinet-320', workers: 0 });
  });
  afterAll(async () => {
    await prisma.dispose();
    await sinet.dispose();
    expect(liveSessionCount()).toBe(sessions0);
  });

  it('reads 30 pairs', () => {
    expect(pairs).toHaveLength(30);
  });

  it('Prisma-Net mIoU >= 0.91 and SINet >= 0.87 (ASSETS.md: 0.915 / 0.883)', async () => {
    const results: Record<string, number> = {};
    for (const [name, seg] of [['prisma', prisma], ['sinet', sinet]] as const) {
      for (const resolution of ['image', 'model'] as const) {
        const r = await evaluateMasks(seg, pairs, { resolution });
        expect(r.perImage).toHaveLength(30);
        results[`${name}_${resolution}`] = Number(r.meanIou.toFixed(4));
      }
    }
    console.log('segmentation mIoU (30 HSD pairs)', results);
    expect(results.prisma_image).toBeGreaterThanOrEqual(0.91);
    expect(results.sinet_image).toBeGreaterThanOrEqual(0.87);
  });
});
