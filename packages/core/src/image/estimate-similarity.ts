import { assertNumber, expectedMessage } from '../shared/assert.js';

/**
 * Check two interleaved point lists (`x0, y0, x1, y1, ...`) of equal length with at least `min` points.
 * @internal
 */
export function assertPointPairs(from: ArrayLike<number>, to: ArrayLike<number>, min: number): number {
  for (const [pts, name] of [[from, 'from'], [to, 'to']] as const) {
    if (pts === null || typeof pts !== 'object' || typeof pts.length !== 'number' || pts.length % 2 !== 0) {
      throw new TypeError(expectedMessage(name, 'an array of interleaved x, y coordinates', pts));
    }
    for (let i = 0; i < pts.length; i++) assertNumber(pts[i], `${name}[${i}]`);
  }
  if (from.length !== to.length) throw new RangeError(`Expected \`from\` and \`to\` to hold the same number of points, got ${from.length / 2} and ${to.length / 2}`);
  if (from.length < 2 * min) throw new RangeError(`Expected at least ${min} point pairs, got ${from.length / 2}`);
  return from.length / 2;
}

/**
 * Least-squares similarity transform (uniform scale, rotation, translation; no reflection or shear)
 * taking the points `from` onto `to`, i.e. the matrix minimising `sum |M(from_i) - to_i|^2`. Closed
 * form on centred coordinates (Umeyama without the reflection case). Use it to align a face to a
 * landmark template before {@link warpAffine}.
 *
 * ## Example
 * ```ts
 * // scale 2, rotate 90 degrees, shift (10, 0)
 * estimateSimilarity([0, 0, 1, 0, 0, 1], [10, 0, 10, 2, 8, 0]); // ~[0, -2, 10, 2, 0, 0]
 * ```
 * @param from Source points, interleaved `x, y` (at least 2 distinct points).
 * @param to Destination points, same count.
 * @returns `[a, -b, tx, b, a, ty]` with `x' = a x - b y + tx`, `y' = b x + a y + ty` (source -> destination, as {@link warpAffine} expects).
 * @throws {TypeError} when the inputs are not arrays of finite numbers of even length.
 * @throws {RangeError} when the counts differ, fewer than 2 pairs are given or all `from` points coincide.
 */
export function estimateSimilarity(from: ArrayLike<number>, to: ArrayLike<number>): number[] {
  const n = assertPointPairs(from, to, 2);
  let mx = 0, my = 0, mu = 0, mv = 0;
  for (let i = 0; i < 2 * n; i += 2) {
    mx += from[i]!; my += from[i + 1]!; mu += to[i]!; mv += to[i + 1]!;
  }
  mx /= n; my /= n; mu /= n; mv /= n;
  let sxx = 0, dot = 0, cross = 0;
  for (let i = 0; i < 2 * n; i += 2) {
    const x = from[i]! - mx, y = from[i + 1]! - my, u = to[i]! - mu, v = to[i + 1]! - mv;
    sxx += x * x + y * y;
    dot += x * u + y * v;
    cross += x * v - y * u;
  }
  if (!(sxx > 0)) throw new RangeError('Expected `from` to contain at least two distinct points');
  const a = dot / sxx, b = cross / sxx;
  return [a, -b, mu - (a * mx - b * my), b, a, mv - (b * mx + a * my)];
}
