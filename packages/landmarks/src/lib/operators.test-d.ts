import { expectTypeOf, test } from 'vitest';
import type { Observable, OperatorFunction } from 'rxjs';
import type { Frame } from '@facepipe/core';
import type { Face, HeadPose } from '@facepipe/core';
import { detectLandmarks } from './detect-landmarks.js';
import { estimatePose } from './estimate-pose.js';
import { smoothFaces } from './smooth-faces.js';
import { solvePnpPose } from './solve-pnp-pose.js';
import type { LandmarkDetector } from './landmark-detector.js';

test('operators map Frame streams to Frame streams', () => {
  expectTypeOf(detectLandmarks()).toEqualTypeOf<OperatorFunction<Frame, Frame>>();
  expectTypeOf(estimatePose({ method: 'pnp' })).toEqualTypeOf<OperatorFunction<Frame, Frame>>();
  expectTypeOf(smoothFaces()).toEqualTypeOf<OperatorFunction<Frame, Frame>>();
  expectTypeOf<ReturnType<ReturnType<typeof smoothFaces>>>().toEqualTypeOf<Observable<Frame>>();
});

test('adapters return faces and poses', () => {
  expectTypeOf<LandmarkDetector['detect']>().returns.toEqualTypeOf<Promise<Face[]>>();
  expectTypeOf(solvePnpPose).returns.toMatchTypeOf<HeadPose>();
  // @ts-expect-error unknown pose method
  estimatePose({ method: 'guess' });
});
