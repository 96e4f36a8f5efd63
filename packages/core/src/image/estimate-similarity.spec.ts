import { describe, expect, it } from 'vitest';
import { estimateSimilarity } from './estimate-similarity.js';

function apply(m: number[], pts: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < pts.length; i += 2) out.push(m[0]! * pts[i]! + m[1]! * pts[i + 1]! + m[2]!, m[3]! * pts[i]! + m[4]! * pts[i + 1]! + m[5]!);
  return out;
}

/** Five-point face template (eyes, nose, mouth corners) in a 112x112 crop. */
const template = [38.29, 51.69, 73.53, 51.5, 56.02, 71.73, 41.54, 92.36, 70.72, 92.2];

describe('estimateSimilarity', () => {
  it('recovers a known scale + rotation + translation to 1e-9', () => {
    const s = 1.7, th = 0.6, tx = 12.5, ty = -3.25;
    const truth = [s * Math.cos(th), -s * Math.sin(th), tx, s * Math.sin(th), s * Math.cos(th), ty];
    const m = estimateSimilarity(template, apply(truth, template));
    for (let i = 0; i < 6; i++) expect(Math.abs(m[i]! - truth[i]!)).toBeLessThan(1e-9);
  });

  it('is the least-squares fit for noisy points (any perturbation is worse)', () => {
    const truth = [0.8, -0.3, 5, 0.3, 0.8, -7];
    const to = apply(truth, template).map((v, i) => v + [0.4, -0.3, 0.1, 0.2, -0.5, 0.3, 0.25, -0.1, -0.2, 0.35][i]!);
    const m = estimateSimilarity(template, to);
    const cost = (mm: number[]) => apply(mm, template).reduce((acc, v, i) => acc + (v - to[i]!) ** 2, 0);
    const best = cost(m);
    for (const [da, db, dx, dy] of [[1e-3, 0, 0, 0], [-1e-3, 0, 0, 0], [0, 1e-3, 0, 0], [0, -1e-3, 0, 0], [0, 0, 0.01, 0], [0, 0, 0, -0.01]] as const) {
      const a = m[0]! + da, b = m[3]! + db;
      expect(cost([a, -b, m[2]! + dx, b, a, m[5]! + dy])).toBeGreaterThan(best);
    }
    expect(m[0]).toBe(m[4]);
    expect(m[1]).toBe(-m[3]!);
  });

  it('maps two points exactly', () => {
    // (0,0)->(10,0), (1,0)->(10,2): scale 2, rotation +90 degrees
    const m = estimateSimilarity([0, 0, 1, 0], [10, 0, 10, 2]);
    const expected = [0, -2, 10, 2, 0, 0];
    for (let i = 0; i < 6; i++) expect(m[i]).toBeCloseTo(expected[i]!, 12);
  });

  it('rejects bad input', () => {
    expect(() => estimateSimilarity([0, 0], [1, 1])).toThrow('Expected at least 2 point pairs, got 1');
    expect(() => estimateSimilarity([0, 0, 1], [0, 0, 1])).toThrow(TypeError);
    expect(() => estimateSimilarity([0, 0, 1, 1], [0, 0, 1, 1, 2, 2])).toThrow(RangeError);
    expect(() => estimateSimilarity([3, 3, 3, 3], [0, 0, 1, 1])).toThrow('two distinct points');
    expect(() => estimateSimilarity([0, 0, 1, Number.NaN], [0, 0, 1, 1])).toThrow('Expected `from[3]` to be a finite number');
  });
});
