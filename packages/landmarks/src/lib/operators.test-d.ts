import { expectTypeOf, test } from 'vitest';
import { of, type Observable, type OperatorFunction } from 'rxjs';
import type { Face, Frame, FrameWithFaces, HeadPose } from '@facepipe/core';
import { detectLandmarks } from './detect-landmarks.js';
import { estimatePose } from './estimate-pose.js';
import { smoothFaces } from './smooth-faces.js';
import { solvePnpPose } from './solve-pnp-pose.js';
import type { FsanetPoseEstimator } from './fsanet-pose-estimator.js';
import { LandmarkDetector } from './landmark-detector.js';

declare const withFaces: FrameWithFaces;
declare const plain: Frame;

test('operators keep the frame type they are given (faces stay required after detectFaces)', () => {
  expectTypeOf(of(withFaces).pipe(detectLandmarks(), estimatePose(), smoothFaces())).toEqualTypeOf<Observable<FrameWithFaces>>();
  expectTypeOf(of(withFaces).pipe(detectLandmarks(), estimatePose({ method: 'pnp' }))).toEqualTypeOf<Observable<FrameWithFaces>>();
  expectTypeOf(detectLandmarks<FrameWithFaces>()).toEqualTypeOf<OperatorFunction<FrameWithFaces, FrameWithFaces>>();
  expectTypeOf<Observable<FrameWithFaces>>().toHaveProperty('subscribe');
  of(withFaces).pipe(detectLandmarks()).subscribe((f) => expectTypeOf(f.results.faces).toEqualTypeOf<readonly Face[]>());
});

test('plain Frame streams still work (frames without faces pass through)', () => {
  expectTypeOf(of(plain).pipe(detectLandmarks(), estimatePose(), smoothFaces())).toEqualTypeOf<Observable<Frame>>();
  expectTypeOf(detectLandmarks()).toEqualTypeOf<OperatorFunction<Frame, Frame>>();
});

test('model objects are classes with static create, dispose and workers', () => {
  expectTypeOf(LandmarkDetector.create).returns.toEqualTypeOf<Promise<LandmarkDetector>>();
  expectTypeOf<LandmarkDetector['detect']>().returns.toEqualTypeOf<Promise<Face[]>>();
  expectTypeOf<LandmarkDetector['dispose']>().returns.toEqualTypeOf<Promise<void>>();
  expectTypeOf<FsanetPoseEstimator['workers']>().toEqualTypeOf<number>();
  expectTypeOf(solvePnpPose).returns.toMatchTypeOf<HeadPose>();
  // @ts-expect-error unknown pose method
  estimatePose({ method: 'guess' });
});
