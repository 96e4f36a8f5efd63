/** Named regions of a face's landmarks. */
export type LandmarkGroup = 'contour' | 'brows' | 'nose' | 'eyes' | 'mouth' | 'pupils';

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Point indices of each {@link LandmarkGroup}, for the 98-point WFLW layout and the 68-point iBUG
 * layout (iBUG has no pupils: its `pupils` list is empty).
 *
 * ## Example
 * ```ts
 * const eyes = LANDMARK_GROUPS[98].eyes; // [60, ..., 75]
 * const x = face.landmarks![2 * eyes[0]!];
 * ```
 */
export const LANDMARK_GROUPS: Readonly<Record<68 | 98, Readonly<Record<LandmarkGroup, readonly number[]>>>> = Object.freeze({
  98: Object.freeze({
    contour: range(0, 32),
    brows: range(33, 50),
    nose: range(51, 59),
    eyes: range(60, 75),
    mouth: range(76, 95),
    pupils: [96, 97],
  }),
  68: Object.freeze({
    contour: range(0, 16),
    brows: range(17, 26),
    nose: range(27, 35),
    eyes: range(36, 47),
    mouth: range(48, 67),
    pupils: [],
  }),
});
