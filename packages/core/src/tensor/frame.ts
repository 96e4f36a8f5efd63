import type { Face } from './face.js';
import type { ImageData8 } from './image.js';

/**
 * Results that stages attach to a frame. `faces` is shared by the detector and landmark stages, so
 * it is declared here; other stage packages augment this interface with their own fields:
 *
 * ```ts
 * declare module '@facepipe/core' {
 *   interface FrameResults { mask?: Mask }
 * }
 * ```
 */
export interface FrameResults {
  /** Faces found in the frame (set by `detectFaces`, refined by tracking/landmark stages). */
  faces?: readonly Face[];
}

/**
 * One decoded RGB24 video frame or image.
 *
 * Frames are immutable values: stages never write into `data` or `results`; they return a new frame
 * with {@link withResults}, so every subscriber of a shared stream sees the frame it was given.
 */
export interface Frame extends ImageData8 {
  /** 0-based index of the frame in its source (decoded order). */
  readonly index: number;
  /** Presentation timestamp in milliseconds from the start of the source. */
  readonly timeMs: number;
  readonly channels: 3;
  /** RGB24, HWC, `width * height * 3` bytes. */
  readonly data: Uint8Array;
  /** Identifies the source (file path, URL, or a caller-chosen id). */
  readonly sourceId: string;
  /** Results attached by stages; frozen. */
  readonly results: Readonly<FrameResults>;
}

/**
 * Make a frame. `data` must hold `width * height * 3` bytes.
 *
 * @throws {RangeError} when the sizes disagree.
 */
export function createFrame(init: {
  data: Uint8Array;
  width: number;
  height: number;
  index?: number;
  timeMs?: number;
  sourceId?: string;
  results?: FrameResults;
}): Frame {
  const { data, width, height } = init;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`Expected frame size to be positive integers, got ${width}x${height}`);
  }
  if (!(data instanceof Uint8Array) || data.length !== width * height * 3) {
    throw new RangeError(`Expected frame data to be a Uint8Array of ${width * height * 3} bytes (${width}x${height} RGB24), got ${data instanceof Uint8Array ? `${data.length} bytes` : typeof data}`);
  }
  return Object.freeze({
    index: init.index ?? 0,
    timeMs: init.timeMs ?? 0,
    width,
    height,
    channels: 3 as const,
    data,
    sourceId: init.sourceId ?? 'frame',
    results: Object.freeze({ ...(init.results ?? {}) }),
  });
}

/**
 * Return a copy of `frame` with `results` merged into its results. The pixel buffer is shared, not
 * copied; the input frame is left untouched. The copy has the input's type (e.g. a `FrameWithFaces`
 * stays one), so pass replacements, not `undefined`, for fields that type requires.
 *
 * ## Example
 * ```ts
 * const out = withResults(frame, { faces });
 * out.results.faces === faces; // true
 * frame.results.faces;         // unchanged
 * ```
 */
export function withResults<F extends Frame>(frame: F, results: Partial<FrameResults>): F {
  // Results only gain or replace fields, so the copy keeps the input's (narrower) frame type.
  return Object.freeze({ ...frame, results: Object.freeze({ ...frame.results, ...results }) }) as F;
}
