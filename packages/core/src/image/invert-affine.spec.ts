import { describe, expect, it } from 'vitest';
import { invertAffine } from './invert-affine.js';

describe('invertAffine', () => {
  it('inverts a scale + translation by hand', () => {
    expect(invertAffine([2, 0, 10, 0, 2, 20]).map((v) => v + 0)).toEqual([0.5, 0, -5, 0, 0.5, -10]);
  });

  it('composes with the original to the identity', () => {
    const m = [1.3, 0.4, -20, -0.25, 0.9, 33.5];
    const n = invertAffine(m);
    const compose = [
      n[0]! * m[0]! + n[1]! * m[3]!, n[0]! * m[1]! + n[1]! * m[4]!, n[0]! * m[2]! + n[1]! * m[5]! + n[2]!,
      n[3]! * m[0]! + n[4]! * m[3]!, n[3]! * m[1]! + n[4]! * m[4]!, n[3]! * m[2]! + n[4]! * m[5]! + n[5]!,
    ];
    const identity = [1, 0, 0, 0, 1, 0];
    for (let i = 0; i < 6; i++) expect(Math.abs(compose[i]! - identity[i]!)).toBeLessThan(1e-12);
  });

  it('rejects singular and malformed matrices', () => {
    expect(() => invertAffine([1, 2, 0, 2, 4, 0])).toThrow('Expected `matrix` to be invertible');
    expect(() => invertAffine([1, 0, 0])).toThrow(TypeError);
    expect(() => invertAffine([1, 0, 0, 0, Number.POSITIVE_INFINITY, 0])).toThrow(RangeError);
  });
});
