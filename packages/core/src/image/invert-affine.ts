import { assertNumber, expectedMessage } from '../shared/assert.js';

/**
 * Invert a 2x3 affine matrix `[a, b, c, d, e, f]` (`x' = a x + b y + c`, `y' = d x + e y + f`),
 * e.g. to map landmarks found in an aligned face crop back to frame coordinates.
 *
 * ## Example
 * ```ts
 * invertAffine([2, 0, 10, 0, 2, 20]); // [0.5, 0, -5, 0, 0.5, -10]
 * ```
 * @param m Six finite numbers (row-major 2x3).
 * @returns The inverse as six numbers.
 * @throws {TypeError} when `m` is not six numbers.
 * @throws {RangeError} when the matrix is singular (determinant 0 or not finite).
 */
export function invertAffine(m: ArrayLike<number>): number[] {
  if (m === null || typeof m !== 'object' || m.length !== 6) throw new TypeError(expectedMessage('matrix', 'an array of 6 numbers', m));
  for (let i = 0; i < 6; i++) assertNumber(m[i], `matrix[${i}]`);
  const a = m[0]!, b = m[1]!, c = m[2]!, d = m[3]!, e = m[4]!, f = m[5]!;
  const det = a * e - b * d;
  if (det === 0 || !Number.isFinite(1 / det)) throw new RangeError(expectedMessage('matrix', 'invertible (non-zero determinant)', Array.from(m)));
  const ia = e / det, ib = -b / det, id = -d / det, ie = a / det;
  return [ia, ib, -(ia * c + ib * f), id, ie, -(id * c + ie * f)];
}
