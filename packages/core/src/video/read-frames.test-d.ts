import { map, type Observable, type OperatorFunction } from 'rxjs';
import { expectTypeOf } from 'vitest';
import { withResults, type Frame } from '../tensor/frame.js';
import type { VideoInfo } from './video-info.js';
import { probeVideo } from './probe-video.js';
import { readFrames } from './read-frames.js';
import { releaseFrames } from './release-frame.js';
import { writeFrames } from './write-frames.js';

expectTypeOf(readFrames('clip.mp4')).toEqualTypeOf<Observable<Frame>>();
expectTypeOf(probeVideo('clip.mp4')).toEqualTypeOf<Promise<VideoInfo>>();
expectTypeOf(writeFrames('out.mp4', { fps: 25 })).toEqualTypeOf<OperatorFunction<Frame, Frame>>();
// releaseFrames keeps the element type of whatever carries the pixel buffer.
expectTypeOf(readFrames('clip.mp4', { release: 'manual' }).pipe(map((f) => withResults(f, {})), releaseFrames())).toEqualTypeOf<Observable<Frame>>();
// @ts-expect-error fps is required by writeFrames
writeFrames('out.mp4', {});
// @ts-expect-error release is 'sync' | 'manual'
readFrames('clip.mp4', { release: 'later' });
