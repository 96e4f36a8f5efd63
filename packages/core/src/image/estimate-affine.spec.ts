import { describe, expect, it } from 'vitest';
import { estimateAffine } from './estimate-affine.js';

describe('estimateAffine', () => {
  it('recovers a known affine (with shear) from 4 point pairs to 1e-9', () => {
    const truth = [1.3, 0.4, -20, -0.25, 0.9, 33.5];
    const from = [10, 10, 200, 15, 40, 180, 150, 120];
    const to: number[] = [];
    for (let i = 0; i < from.length; i += 2) to.push(truth[0]! * from[i]! + truth[1]! * from[i + 1]! + truth[2]!, truth[3]! * from[i]! + truth[4]! * from[i + 1]! + truth[5]!);
    const m = estimateAffine(from, to);
    for (let i = 0; i < 6; i++) expect(Math.abs(m[i]! - truth[i]!)).toBeLessThan(1e-9);
  });

  it('fits three pairs exactly', () => {
    const m = estimateAffine([0, 0, 1, 0, 0, 1], [5, 5, 7, 5, 5, 8]);
    const expected = [2, 0, 5, 0, 3, 5];
    for (let i = 0; i < 6; i++) expect(m[i]).toBeCloseTo(expected[i]!, 12);
  });

  it('rejects collinear points and too few pairs', () => {
    expect(() => estimateAffine([0, 0, 1, 1, 2, 2], [0, 0, 1, 0, 0, 1])).toThrow('not collinear');
    expect(() => estimateAffine([0, 0, 1, 1], [0, 0, 1, 1])).toThrow('Expected at least 3 point pairs, got 2');
  });
});
