import { createFrame, readFrames, type Frame } from '@facepipe/core';
import { lastValueFrom, map, take, toArray } from '../../shared/rxjs.js';

/**
 * Decode the first `count` frames of a video into owned (copied) frames, for latency runs that
 * must not include decoding.
 *
 * ## Example
 * ```ts
 * const frames = await decodeFrames('clip.mp4', 60); // 60 frames that stay valid
 * ```
 * @throws {DecoderError} for a missing or corrupt video.
 */
export async function decodeFrames(video: string, count: number, every = 1): Promise<Frame[]> {
  return lastValueFrom(
    readFrames(video, { every }).pipe(
      take(count),
      map((f) => createFrame({ data: new Uint8Array(f.data), width: f.width, height: f.height, index: f.index, timeMs: f.timeMs, sourceId: f.sourceId })),
      toArray(),
    ),
  );
}
