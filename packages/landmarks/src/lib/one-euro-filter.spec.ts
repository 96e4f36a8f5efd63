import { describe, expect, it } from 'vitest';
import { OneEuroFilter } from './one-euro-filter.js';
import { faceCropRect } from './face-crop-rect.js';

describe('OneEuroFilter', () => {
  it('passes the first sample, then follows the closed form of a first-order low-pass at rest', () => {
    const f = new OneEuroFilter(1, { minCutoff: 1, beta: 0, dCutoff: 1 });
    expect(Array.from(f.filter([10], 0))).toEqual([10]);
    const a = 1 / (1 + 1 / (2 * Math.PI * 1 * 0.04));
    expect(f.filter([20], 40)[0]).toBeCloseTo(10 + a * 10, 10);
  });

  it('a larger beta follows a ramp with less lag; non-finite samples keep the previous estimate', () => {
    const lagOf = (beta: number) => {
      const f = new OneEuroFilter(1, { minCutoff: 1, beta });
      let y = 0;
      for (let k = 0; k <= 50; k++) y = f.filter([k * 10], k * 40)[0]!;
      return 500 - y;
    };
    expect(lagOf(0.05)).toBeLessThan(lagOf(0.001));
    const f = new OneEuroFilter(2);
    f.filter([1, 2], 0);
    expect(Array.from(f.filter([Number.NaN, 2], 40))).toEqual([1, 2]);
    f.reset();
    expect(f.initialized).toBe(false);
  });

  it('validates sizes and parameters', () => {
    expect(() => new OneEuroFilter(0)).toThrow(RangeError);
    expect(() => new OneEuroFilter(2, { minCutoff: 0 })).toThrow(RangeError);
    expect(() => new OneEuroFilter(2).filter([1], 0)).toThrow(RangeError);
  });
});

describe('faceCropRect', () => {
  it('squares around the box centre (landmark models) or scales the box (FSA-Net)', () => {
    expect(faceCropRect([100, 50, 140, 110], { shape: 'square', scale: 1 })).toEqual({ x: 90, y: 50, width: 60, height: 60 });
    expect(faceCropRect([100, 50, 140, 110], { shape: 'box', scale: 1.5 })).toEqual({ x: 90, y: 35, width: 60, height: 90 });
    expect(faceCropRect([-30, -30, 10, 10], { shape: 'square', scale: 1 })).toEqual({ x: -30, y: -30, width: 40, height: 40 });
    expect(faceCropRect([5, 5, 5.2, 5.2], { shape: 'square', scale: 1 }).width).toBe(1);
  });
});
