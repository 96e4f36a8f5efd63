import { assertPointPairs } from './estimate-similarity.js';

/**
 * Least-squares affine transform (6 degrees of freedom: scale, rotation, shear, translation) taking
 * the points `from` onto `to`. Three pairs give an exact fit; more are fitted in the least-squares
 * sense (normal equations on centred coordinates).
 *
 * ## Example
 * ```ts
 * estimateAffine([0, 0, 1, 0, 0, 1], [5, 5, 7, 5, 5, 8]); // [2, 0, 5, 0, 3, 5]
 * ```
 * @param from Source points, interleaved `x, y` (at least 3, not all on one line).
 * @param to Destination points, same count.
 * @returns `[a, b, c, d, e, f]` with `x' = a x + b y + c`, `y' = d x + e y + f`.
 * @throws {TypeError} when the inputs are not arrays of finite numbers of even length.
 * @throws {RangeError} when the counts differ, fewer than 3 pairs are given or the `from` points are collinear.
 */
export function estimateAffine(from: ArrayLike<number>, to: ArrayLike<number>): number[] {
  const n = assertPointPairs(from, to, 3);
  let mx = 0, my = 0, mu = 0, mv = 0;
  for (let i = 0; i < 2 * n; i += 2) {
    mx += from[i]!; my += from[i + 1]!; mu += to[i]!; mv += to[i + 1]!;
  }
  mx /= n; my /= n; mu /= n; mv /= n;
  let sxx = 0, sxy = 0, syy = 0, sxu = 0, syu = 0, sxv = 0, syv = 0;
  for (let i = 0; i < 2 * n; i += 2) {
    const x = from[i]! - mx, y = from[i + 1]! - my, u = to[i]! - mu, v = to[i + 1]! - mv;
    sxx += x * x; sxy += x * y; syy += y * y;
    sxu += x * u; syu += y * u; sxv += x * v; syv += y * v;
  }
  const det = sxx * syy - sxy * sxy;
  // relative test: collinear points give det ~ 0 compared with the spread squared
  if (!(det > 1e-12 * (sxx + syy) * (sxx + syy))) throw new RangeError('Expected `from` to contain at least 3 points that are not collinear');
  const a = (syy * sxu - sxy * syu) / det;
  const b = (sxx * syu - sxy * sxu) / det;
  const d = (syy * sxv - sxy * syv) / det;
  const e = (sxx * syv - sxy * sxv) / det;
  return [a, b, mu - a * mx - b * my, d, e, mv - d * mx - e * my];
}
