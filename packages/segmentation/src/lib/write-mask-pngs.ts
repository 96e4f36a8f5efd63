import path from 'node:path';
import { concatMap, from, map, type OperatorFunction } from './rxjs.js';
import { assertString } from '@facepipe/core';
import type { FrameWithMask } from './mask.js';
import { writeMaskPng } from './write-mask-png.js';

/**
 * Operator that writes each frame's mask to a grayscale PNG and passes the frame on once its file
 * is written (one file at a time, in order). `target` is a directory (files
 * `mask-<index, 6 digits>.png`) or a function naming the file per frame.
 *
 * ## Example
 * ```ts
 * readFrames('clip.mp4').pipe(segmentPortrait(), writeMaskPngs('out/masks')).subscribe();
 * ```
 * @throws {TypeError} synchronously when `target` is neither a string nor a function.
 * @throws {TypeError} as an error notification when a frame carries no mask.
 */
export function writeMaskPngs(target: string | ((frame: FrameWithMask) => string)): OperatorFunction<FrameWithMask, FrameWithMask> {
  if (typeof target !== 'function') assertString(target, 'target');
  const name = typeof target === 'function' ? target : (f: FrameWithMask) => path.join(target, `mask-${String(f.index).padStart(6, '0')}.png`);
  return concatMap((frame) => {
    if (!frame.results?.mask) throw new TypeError(`Frame ${frame.index} has no results.mask: put segmentPortrait() before writeMaskPngs()`);
    return from(writeMaskPng(frame.results.mask, name(frame))).pipe(map(() => frame));
  });
}
