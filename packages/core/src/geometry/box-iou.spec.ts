import { describe, expect, it } from 'vitest';
import { boxIou } from './box-iou.js';

describe('boxIou', () => {
  it('reads boxes at offsets of interleaved arrays (typed or plain)', () => {
    const b = new Float32Array([0, 0, 10, 10, 5, 0, 15, 10]);
    expect(boxIou(b, 0, b, 4)).toBeCloseTo(50 / 150, 12);
    expect(boxIou([0, 0, 10, 10], 0, [0, 0, 10, 10], 0)).toBe(1);
    expect(boxIou([0, 0, 10, 10], 0, [2, 2, 6, 6], 0)).toBeCloseTo(16 / 100, 12);
  });

  it('is 0 for disjoint or touching boxes and for empty or inverted ones', () => {
    expect(boxIou([0, 0, 10, 10], 0, [10, 0, 20, 10], 0)).toBe(0);
    expect(boxIou([0, 0, 10, 10], 0, [20, 20, 30, 30], 0)).toBe(0);
    expect(boxIou([5, 5, 5, 5], 0, [5, 5, 5, 5], 0)).toBe(0);
    expect(boxIou([10, 10, 0, 0], 0, [0, 0, 10, 10], 0)).toBe(0);
  });

  it('is symmetric', () => {
    const a = [1, 2, 9, 7], c = [3, -1, 12, 5];
    expect(boxIou(a, 0, c, 0)).toBe(boxIou(c, 0, a, 0));
  });
});
