import { beforeAll, describe, expect, it } from 'vitest';
import { from, lastValueFrom, toArray } from 'rxjs';
import { liveSessionCount, withResults, type Frame } from '@facepipe/core';
import { estimatePose } from './estimate-pose.js';
import { FsanetPoseEstimator } from './fsanet-pose-estimator.js';
import { LandmarkDetector } from './landmark-detector.js';
import { solvePnpPose } from './solve-pnp-pose.js';
import { loadEvalFaces } from '../test-support/eval-faces.js';

let frames: Frame[] = [];

beforeAll(async () => {
  const { faces } = await loadEvalFaces();
  const lm = await LandmarkDetector.create({ workers: 0 });
  try {
    // one frame per distinct image, all its matched faces with GhostOne landmarks
    const byImage = new Map<Frame, typeof faces>();
    for (const f of faces) byImage.set(f.frame, [...(byImage.get(f.frame) ?? []), f]);
    let i = 0;
    for (const [frame, fs] of byImage) frames.push(withResults({ ...frame, index: i++ }, { faces: await lm.detect(frame, fs.map((f) => f.face)) }));
  } finally {
    await lm.dispose();
  }
});

describe('estimatePose', () => {
  it("'pnp' sets the PnP pose of each face's landmarks", async () => {
    const out = await lastValueFrom(from(frames).pipe(estimatePose({ method: 'pnp' }), toArray()));
    expect(out.map((f) => f.index)).toEqual(frames.map((f) => f.index));
    const f = out[0]!.results.faces![0]!;
    const ref = solvePnpPose(f.landmarks!, { imageWidth: out[0]!.width, imageHeight: out[0]!.height });
    expect(f.pose).toEqual({ yaw: ref.yaw, pitch: ref.pitch, roll: ref.roll });
  });

  it("'fsanet' with a shared estimator uses it, gives the same poses, and leaves it open", async () => {
    const estimator = await FsanetPoseEstimator.create({ workers: 0 });
    try {
      const open = liveSessionCount();
      const shared = await lastValueFrom(from(frames).pipe(estimatePose({ estimator, concurrency: 2 }), toArray()));
      expect(liveSessionCount()).toBe(open); // not disposed by the operator
      const own = await lastValueFrom(from(frames).pipe(estimatePose({ workers: 0 }), toArray()));
      const poses = (fs: Frame[]) => fs.flatMap((f) => f.results.faces!.map((x) => x.pose!));
      expect(poses(shared)).toHaveLength(29);
      expect(poses(shared)).toEqual(poses(own));
    } finally {
      await estimator.dispose();
    }
  });

  it("'fsanet' sets finite poses on every face, in order, and releases both sessions", async () => {
    const before = liveSessionCount();
    const out = await lastValueFrom(from(frames).pipe(estimatePose({ method: 'fsanet', workers: 0 }), toArray()));
    expect(liveSessionCount()).toBe(before);
    expect(out.map((f) => f.index)).toEqual(frames.map((f) => f.index));
    const poses = out.flatMap((f) => f.results.faces!.map((x) => x.pose!));
    expect(poses).toHaveLength(29);
    expect(poses.every((p) => [p.yaw, p.pitch, p.roll].every((v) => Number.isFinite(v) && Math.abs(v) < 100))).toBe(true);
  });

  it("'model' passes frames through; bad options throw synchronously", async () => {
    const out = await lastValueFrom(from(frames).pipe(estimatePose({ method: 'model' }), toArray()));
    expect(out).toEqual(frames);
    expect(() => estimatePose({ method: 'guess' as never })).toThrow(RangeError);
    expect(() => estimatePose({ concurrency: -1 })).toThrow(RangeError);
  });
});
