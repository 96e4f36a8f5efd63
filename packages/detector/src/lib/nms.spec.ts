import { describe, expect, it } from 'vitest';
import { nonMaxSuppression } from './nms.js';

const f32 = (a: number[]): Float32Array => new Float32Array(a);

describe('nonMaxSuppression', () => {
  it('hard: drops a box overlapping a better one, keeps a disjoint one, best first', () => {
    const boxes = f32([0, 0, 10, 10, 1, 1, 11, 11, 50, 50, 60, 60]);
    const r = nonMaxSuppression(boxes, f32([0.8, 0.9, 0.7]), { iouThreshold: 0.3 });
    expect(Array.from(r.indices)).toEqual([1, 2]);
    expect(Array.from(r.scores)).toEqual([0.9, 0.7].map(Math.fround));
    expect(Array.from(r.boxes)).toEqual([1, 1, 11, 11, 50, 50, 60, 60]);
  });

  it('hard: the IoU threshold is exclusive (IoU == threshold survives)', () => {
    // IoU of [0,0,10,10] and [5,0,15,10] = 50 / 150 = 1/3
    const boxes = f32([0, 0, 10, 10, 5, 0, 15, 10]);
    expect(nonMaxSuppression(boxes, f32([0.9, 0.8]), { iouThreshold: 0.34 }).count).toBe(2);
    expect(nonMaxSuppression(boxes, f32([0.9, 0.8]), { iouThreshold: 0.33 }).count).toBe(1);
  });

  it('ties in score are broken by input index', () => {
    const boxes = f32([0, 0, 10, 10, 0, 0, 10, 10, 0, 0, 10, 10]);
    const r = nonMaxSuppression(boxes, f32([0.5, 0.5, 0.5]), { iouThreshold: 0.5 });
    expect(Array.from(r.indices)).toEqual([0]);
    const soft = nonMaxSuppression(boxes, f32([0.5, 0.5, 0.5]), { iouThreshold: 0.5, method: 'soft-gaussian', minScore: 0.01 });
    expect(soft.indices[0]).toBe(0);
  });

  it('empty input gives an empty result for every method', () => {
    for (const method of ['hard', 'soft-linear', 'soft-gaussian', 'blend'] as const) {
      const r = nonMaxSuppression(new Float32Array(0), new Float32Array(0), { iouThreshold: 0.3, method });
      expect(r.count).toBe(0);
      expect(r.indices.length).toBe(0);
    }
  });

  it('count reads only a prefix of longer (reused) buffers', () => {
    const boxes = f32([0, 0, 10, 10, 20, 20, 30, 30, 40, 40, 50, 50]);
    expect(nonMaxSuppression(boxes, f32([0.9, 0.8, 0.7]), { iouThreshold: 0.3 }, 2).count).toBe(2);
  });

  it('soft-linear decays overlapping scores by (1 - IoU) and keeps them', () => {
    const boxes = f32([0, 0, 10, 10, 5, 0, 15, 10]);
    const r = nonMaxSuppression(boxes, f32([0.9, 0.8]), { iouThreshold: 0.3, method: 'soft-linear' });
    expect(r.count).toBe(2);
    expect(r.scores[1]).toBeCloseTo(0.8 * (1 - 1 / 3), 6);
  });

  it('soft-gaussian decays by exp(-iou²/sigma) and drops boxes below minScore', () => {
    const boxes = f32([0, 0, 10, 10, 5, 0, 15, 10, 0, 0, 10, 10]);
    const r = nonMaxSuppression(boxes, f32([0.9, 0.8, 0.3]), { iouThreshold: 0.3, method: 'soft-gaussian', sigma: 0.5, minScore: 0.2 });
    // box 2 is identical to box 0: 0.3 * exp(-2) = 0.04 < 0.2, dropped
    expect(Array.from(r.indices)).toEqual([0, 1]);
    expect(r.scores[1]).toBeCloseTo(0.8 * Math.exp(-(1 / 9) / 0.5), 6);
  });

  it('blend replaces a cluster by its score-weighted mean box', () => {
    const boxes = f32([0, 0, 10, 10, 2, 0, 12, 10, 100, 100, 110, 110]);
    const r = nonMaxSuppression(boxes, f32([0.6, 0.2, 0.5]), { iouThreshold: 0.3, method: 'blend' });
    expect(r.count).toBe(2);
    expect(r.boxes[0]).toBeCloseTo((0 * 0.6 + 2 * 0.2) / 0.8, 5);
    expect(r.boxes[2]).toBeCloseTo((10 * 0.6 + 12 * 0.2) / 0.8, 5);
    expect(r.scores[0]).toBeCloseTo(0.6, 6);
    expect(Array.from(r.boxes.subarray(4))).toEqual([100, 100, 110, 110]);
  });

  it('topK limits the kept boxes', () => {
    const boxes = f32([0, 0, 1, 1, 10, 10, 11, 11, 20, 20, 21, 21]);
    expect(nonMaxSuppression(boxes, f32([0.1, 0.3, 0.2]), { iouThreshold: 0.5, topK: 2 }).indices).toEqual(new Uint32Array([1, 2]));
  });

  it('10k candidates: a 100x100 grid of clusters, each of one strong box and shifted copies', () => {
    const n = 10_000;
    const boxes = new Float32Array(n * 4);
    const scores = new Float32Array(n);
    // 2500 well-separated cells, 4 boxes each (one exact + three shifted by 1 px).
    for (let i = 0; i < n; i++) {
      const cell = i >> 2, k = i & 3;
      const x = (cell % 50) * 40 + k, y = Math.floor(cell / 50) * 40;
      boxes.set([x, y, x + 20, y + 20], i * 4);
      scores[i] = 0.5 + 0.1 * (3 - k) + (cell % 7) * 1e-3;
    }
    const hard = nonMaxSuppression(boxes, scores, { iouThreshold: 0.5 });
    expect(hard.count).toBe(2500);
    for (let k = 0; k < hard.count; k++) expect(hard.indices[k]! & 3).toBe(0);
    const blend = nonMaxSuppression(boxes, scores, { iouThreshold: 0.5, method: 'blend' });
    expect(blend.count).toBe(2500);
    const soft = nonMaxSuppression(boxes, scores, { iouThreshold: 0.5, method: 'soft-linear', minScore: 0.5 });
    expect(soft.count).toBeGreaterThanOrEqual(2500);
  });

  it('rejects bad options and NaN scores with named errors', () => {
    const b = f32([0, 0, 1, 1]);
    expect(() => nonMaxSuppression(b, f32([0.5]), { iouThreshold: 1.2 })).toThrow(new RangeError('Expected `iouThreshold` to be a number in [0, 1], got `1.2` (number)'));
    expect(() => nonMaxSuppression(b, f32([0.5]), { iouThreshold: '0.3' as unknown as number })).toThrow(TypeError);
    expect(() => nonMaxSuppression(b, f32([0.5]), { iouThreshold: 0.3, method: 'fast' as never })).toThrow(/`method`/);
    expect(() => nonMaxSuppression(b, f32([NaN]), { iouThreshold: 0.3 })).toThrow(/`scores\[0\]`.*NaN/);
    expect(() => nonMaxSuppression(b, f32([0.5, 0.5]), { iouThreshold: 0.3 })).toThrow(/`boxes`/);
  });
});
