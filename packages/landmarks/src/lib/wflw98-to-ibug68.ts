import { ShapeMismatchError, assertBufferLength } from '@facepipe/core';

/**
 * Index into the WFLW-98 point list for each iBUG-68 point, in iBUG order (the map `shared/ASSETS.md`
 * uses for every NME figure): every second contour point, the upper brow arcs, nose bridge and lower
 * nose, the eye corners and lids without the in-between points, and all 20 lip points.
 */
export const WFLW98_TO_IBUG68: readonly number[] = Object.freeze([
  // contour 0..16 <- 0, 2, ..., 32
  ...Array.from({ length: 17 }, (_, i) => 2 * i),
  // brows 17..26
  33, 34, 35, 36, 37, 42, 43, 44, 45, 46,
  // nose 27..35
  51, 52, 53, 54, 55, 56, 57, 58, 59,
  // eyes 36..47
  60, 61, 63, 64, 65, 67, 68, 69, 71, 72, 73, 75,
  // mouth 48..67
  ...Array.from({ length: 20 }, (_, i) => 76 + i),
]);

/**
 * Convert 98 WFLW landmarks (interleaved `x, y`) to the 68 iBUG points.
 *
 * ## Example
 * ```ts
 * const p68 = wflw98ToIbug68(face.landmarks!); // Float32Array(136)
 * ```
 * @param points98 196 numbers, interleaved x, y.
 * @param out Optional preallocated 136-element output.
 * @throws {ShapeMismatchError} when `points98` does not hold 196 numbers.
 * @throws {RangeError} when `out` does not hold 136 numbers.
 */
export function wflw98ToIbug68(points98: ArrayLike<number>, out: Float32Array = new Float32Array(136)): Float32Array {
  if (points98.length !== 196) throw new ShapeMismatchError('WFLW-98 landmarks', '196 numbers (98 interleaved x, y)', `${points98.length} numbers`);
  assertBufferLength(out, 'out', 136);
  for (let i = 0; i < 68; i++) {
    const j = WFLW98_TO_IBUG68[i]!;
    out[2 * i] = points98[2 * j]!;
    out[2 * i + 1] = points98[2 * j + 1]!;
  }
  return out;
}
