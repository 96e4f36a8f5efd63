import { map, type OperatorFunction } from './rxjs.js';
import { assertInteger, releaseFrame, type Frame } from '@facepipe/core';
import { boxBlur } from './box-blur.js';
import { compositeMask } from './composite-mask.js';
import { frameFromImage } from './frame-from-image.js';
import type { FrameWithMask } from './mask.js';
import { checkSegmentPortraitOptions, segmentPortrait, type SegmentPortraitOptions } from './segment-portrait.js';

/** Options of {@link blurBackground}. */
export interface BlurBackgroundOptions extends SegmentPortraitOptions {
  /** Box radius of each of the three blur passes, in frame pixels (default 12: gaussian sigma ≈ 12.5). */
  readonly radius?: number;
}

/**
 * Operator that segments each frame and blurs everything but the person ("portrait mode"). The
 * frame is blurred once per frame with three passes of a separable box blur (≈ gaussian, O(1) per
 * pixel whatever the radius) and alpha-blended with the mask (feathered 3 px by default).
 * Output frames carry new pixels and the mask in `results.mask`; the input frame is released
 * (`releaseFrame`) once composited.
 *
 * ## Example
 * ```ts
 * await lastValueFrom(readFrames('call.mp4').pipe(blurBackground({ radius: 10 }), writeFrames('out.mp4', { fps: 25 }), count()));
 * ```
 * @throws {TypeError|RangeError} synchronously for invalid options.
 */
export function blurBackground(options: BlurBackgroundOptions = {}): OperatorFunction<Frame, FrameWithMask> {
  checkSegmentPortraitOptions(options);
  const radius = options.radius ?? 12;
  assertInteger(radius, 'radius', 0, 512);
  const seg = segmentPortrait({ ...options, feather: options.feather ?? 3, reuseMask: options.reuseMask ?? true });
  return (source) =>
    source.pipe(
      seg,
      map((frame) => {
        const blurred = boxBlur(frame, radius, { passes: 3 });
        // composite in place into the blurred buffer (each byte is read before it is written)
        const out = compositeMask(frame, blurred, frame.results.mask, { out: blurred.data });
        const result = frameFromImage(frame, out) as FrameWithMask;
        releaseFrame(frame);
        return result;
      }),
    );
}
