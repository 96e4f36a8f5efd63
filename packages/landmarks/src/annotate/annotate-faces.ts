import { assertObject, expectedMessage, type Frame } from '@facepipe/core';
import { map, type OperatorFunction } from '../lib/rxjs.js';
import { annotateFrame, type OverlayMask } from './annotate-frame.js';

/** Options of {@link annotateFaces}. */
export interface AnnotateFacesOptions {
  /**
   * Tint the person mask: `true` (default) uses `frame.results.mask` when a `segmentPortrait`
   * stage set one (any `{ width, height, data }` alpha matte), `false` never draws a mask.
   */
  readonly mask?: boolean;
}

/** A `{ width, height, data }` alpha matte in `results.mask`, if there is one. */
function frameMask(frame: Frame): OverlayMask | undefined {
  const m = (frame.results as { mask?: Partial<OverlayMask> }).mask;
  return m && typeof m.width === 'number' && typeof m.height === 'number' && m.data ? (m as OverlayMask) : undefined;
}

/**
 * Operator that draws every frame's results into a copy of its pixels, as `facepipe run
 * --annotate` does: person-mask tint, face boxes coloured and labelled by track id, landmarks as
 * dots, detector keypoints, head-pose axes (red = right, green = down, blue = forward). Frames
 * keep their index, timestamps and results; the input frames are not modified. Pipe the result
 * into `writeFrames` for an annotated video.
 *
 * ## Example
 * ```ts
 * readFrames('clip.mp4')
 *   .pipe(detectFaces(), trackFaces(), detectLandmarks(), estimatePose(), annotateFaces(), writeFrames('annotated.mp4', { fps: 30, audioFrom: 'clip.mp4' }))
 *   .subscribe(); // annotated.mp4: every frame with boxes, ids, landmarks and pose axes
 * ```
 * @param options - see {@link AnnotateFacesOptions}.
 * @returns an operator from frames to annotated frames, in the same order.
 * @throws {TypeError} when `options` is not an object or `mask` not a boolean.
 */
export function annotateFaces(options: AnnotateFacesOptions = {}): OperatorFunction<Frame, Frame> {
  assertObject(options as unknown, 'options');
  if (options.mask !== undefined && typeof options.mask !== 'boolean') throw new TypeError(expectedMessage('mask', 'a boolean', options.mask));
  const withMask = options.mask ?? true;
  return map((frame) => {
    const mask = withMask ? frameMask(frame) : undefined;
    return annotateFrame(frame, mask ? { mask } : {});
  });
}
