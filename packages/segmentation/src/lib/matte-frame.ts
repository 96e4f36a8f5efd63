import { createFrame, type Frame } from '@facepipe/core';
import type { FrameWithMask } from './mask.js';

/**
 * Turn a segmented frame into its matte: an RGB frame whose three channels all hold the alpha
 * (white person on black), with the same index, timestamp, source id and results. Feed matte
 * frames to `writeFrames` to get an alpha-matte video.
 *
 * ## Example
 * ```ts
 * readFrames('clip.mp4').pipe(segmentPortrait(), map(matteFrame), writeFrames('matte.mp4', { fps: 25 }));
 * ```
 * @throws {TypeError} when the frame carries no mask.
 */
export function matteFrame(frame: FrameWithMask): Frame {
  const mask = frame.results?.mask;
  if (!mask) throw new TypeError(`Frame ${frame.index} has no results.mask: run segmentPortrait() first`);
  const a = mask.data;
  const n = mask.width * mask.height;
  const rgb = new Uint8Array(n * 3);
  for (let p = 0, i = 0; p < n; p++, i += 3) {
    const v = a[p]!;
    rgb[i] = v;
    rgb[i + 1] = v;
    rgb[i + 2] = v;
  }
  return createFrame({ data: rgb, width: mask.width, height: mask.height, index: frame.index, timeMs: frame.timeMs, sourceId: frame.sourceId, arrivalMs: frame.arrivalMs, results: frame.results });
}
