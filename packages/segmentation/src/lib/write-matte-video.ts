import { Observable, map, type OperatorFunction } from './rxjs.js';
import { writeFrames, type WriteFramesOptions } from '@facepipe/core';
import type { FrameWithMask } from './mask.js';
import { matteFrame } from './matte-frame.js';

/**
 * Operator that encodes the masks of the frames going through it as a grayscale matte video
 * (H.264 mp4 through core's `writeFrames`; white = person) and passes the original frames on, in
 * order. Completes once the source completed and ffmpeg finished the file.
 *
 * ## Example
 * ```ts
 * await lastValueFrom(readFrames('clip.mp4').pipe(segmentPortrait(), writeMatteVideo('matte.mp4', { fps: 25 }), count()));
 * ```
 * @throws {TypeError|RangeError} synchronously for invalid `writeFrames` options.
 * @throws {EncoderError} as an error notification when ffmpeg fails.
 */
export function writeMatteVideo(outputPath: string, options: WriteFramesOptions): OperatorFunction<FrameWithMask, FrameWithMask> {
  const encode = writeFrames(outputPath, options);
  return (source) =>
    new Observable<FrameWithMask>((sub) => {
      // writeFrames passes every frame through in order: pair its outputs with the originals FIFO
      const originals: FrameWithMask[] = [];
      const subscription = source
        .pipe(
          map((frame) => {
            originals.push(frame);
            return matteFrame(frame);
          }),
          encode,
        )
        .subscribe({
          next: () => sub.next(originals.shift()!),
          error: (err: unknown) => sub.error(err),
          complete: () => sub.complete(),
        });
      return () => subscription.unsubscribe();
    });
}
