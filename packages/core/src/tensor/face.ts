import type { Frame } from './frame.js';

/** Head orientation in degrees. Convention (shared by every pose method in facepipe): see `@facepipe/landmarks`. */
export interface HeadPose {
  readonly yaw: number;
  readonly pitch: number;
  readonly roll: number;
}

/**
 * One detected face, in frame pixel coordinates.
 *
 * Detectors fill `box`, `score` and (YuNet) `keypoints`; `trackFaces` adds `id`;
 * `@facepipe/landmarks` adds `landmarks` and `pose`. Stages return new Face objects rather than
 * mutating the ones they receive.
 */
export interface Face {
  /** `[x1, y1, x2, y2]` in frame pixels, clamped to the frame. */
  readonly box: readonly [number, number, number, number];
  /** Detector confidence in [0, 1]. */
  readonly score: number;
  /** Five points (YuNet): image-left eye, image-right eye, nose tip, image-left mouth corner, image-right mouth corner. */
  readonly keypoints?: readonly (readonly [number, number])[];
  /** Track id from `trackFaces`: stable over time, never reused. */
  readonly id?: number;
  /** Landmarks as interleaved `x0, y0, x1, y1, …` in frame pixels (98 WFLW or 68 iBUG points). */
  readonly landmarks?: Float32Array;
  /** Head pose in degrees. */
  readonly pose?: HeadPose;
}

/** A frame that went through `detectFaces` (from `@facepipe/detector`). */
export type FrameWithFaces = Frame & { readonly results: { readonly faces: readonly Face[] } };
