import type { OperatorFunction } from 'rxjs';
import { expectTypeOf, test } from 'vitest';
import type { Frame } from '@facepipe/core';
import { blurBackground } from './blur-background.js';
import type { FrameWithMask, Mask } from './mask.js';
import { replaceBackground } from './replace-background.js';
import { segmentPortrait } from './segment-portrait.js';
import { writeMatteVideo } from './write-matte-video.js';

test('operator types', () => {
  expectTypeOf(segmentPortrait()).toEqualTypeOf<OperatorFunction<Frame, FrameWithMask>>();
  expectTypeOf(blurBackground({ radius: 8 })).toEqualTypeOf<OperatorFunction<Frame, FrameWithMask>>();
  expectTypeOf(replaceBackground({ color: [0, 0, 0] })).toEqualTypeOf<OperatorFunction<Frame, FrameWithMask>>();
  expectTypeOf(writeMatteVideo('m.mp4', { fps: 25 })).toEqualTypeOf<OperatorFunction<FrameWithMask, FrameWithMask>>();
  expectTypeOf<FrameWithMask['results']['mask']>().toEqualTypeOf<Mask>();
  // the augmentation makes `mask` optional on every frame
  expectTypeOf<Frame['results']['mask']>().toEqualTypeOf<Mask | undefined>();
});
