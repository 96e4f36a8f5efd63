import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { createFrame, withResults, type Face, type Frame, type ImageData8 } from '@facepipe/core';
import { AsyncTestScheduler } from '../../../core/src/testing/async-test-scheduler.js';
import { estimatePose } from './estimate-pose.js';
import { fakeInstance } from '../../../core/src/testing/fake-instance.js';
import { FsanetPoseEstimator } from './fsanet-pose-estimator.js';

const frame = (index: number, faces: number): Frame =>
  withResults(createFrame({ data: new Uint8Array(3), width: 1, height: 1, index }), { faces: Array.from({ length: faces }, (_, k) => ({ box: [k, 0, k + 5, 5] as const, score: 1 })) });
const frames = { a: frame(0, 1), b: frame(1, 2), c: frame(2, 0), d: frame(3, 1) };
/** A pose encoding the frame and face index, so a mix-up between frames shows. */
const posed = (f: Frame, face: Face, k: number): Face => ({ ...face, pose: { yaw: f.index, pitch: k, roll: 0 } });
const withPose = (f: Frame) => expect.objectContaining({ index: f.index, results: { faces: f.results.faces!.map((face, k) => posed(f, face, k)) } });

/** An FSA-Net estimator whose estimate takes `latency[frame.index]` virtual frames. */
function fakeEstimator(ts: AsyncTestScheduler, latency: readonly number[]) {
  const log = { started: [] as string[], disposed: 0 };
  const estimator = fakeInstance(FsanetPoseEstimator, {
    modelIds: ['fake-fsanet'],
    workers: 1,
    estimateBox: () => Promise.reject(new Error('not used by estimatePose')),
    async estimate(image: ImageData8, faces: readonly Face[]) {
      const f = image as Frame;
      log.started.push(`${f.index}@${ts.now()}`);
      await ts.sleep(latency[f.index]!);
      return faces.map((face, k) => posed(f, face, k));
    },
    async dispose() {
      log.disposed++;
    },
  });
  return { estimator, log };
}

describe('estimatePose (marbles)', () => {
  it("fsanet: input order kept with concurrency 2 while a later frame finishes first; the given estimator isn't disposed", async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    const { estimator, log } = fakeEstimator(ts, [4, 1, 0, 0]);
    await ts.runAsync(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('abcd|', frames);
      // b is done at 2, c (no faces) at 2, d starts at 3 when b's slot frees and ends at 3: all wait for a (4).
      expectObservable(source.pipe(estimatePose({ estimator, concurrency: 2 }))).toBe('----(abcd|)', { a: withPose(frames.a), b: withPose(frames.b), c: frames.c, d: withPose(frames.d) });
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
    expect(log.started).toEqual(['0@0', '1@1', '3@3']);
    expect(log.disposed).toBe(0);
  });

  it('fsanet: unsubscribing unsubscribes the source and drops the frame in flight', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    const { estimator } = fakeEstimator(ts, [1, 3, 0, 0]);
    await ts.runAsync(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('ab---d|', frames);
      expectObservable(source.pipe(estimatePose({ estimator })), '^--!').toBe('-a', { a: withPose(frames.a) });
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it("pnp and 'model' are synchronous: same frame, same order; faces without landmarks are left as they are", () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-bc|', frames);
      const same = (f: Frame) => expect.objectContaining({ index: f.index, results: f.results });
      expectObservable(source.pipe(estimatePose({ method: 'pnp' })), '^--!').toBe('a-b', { a: same(frames.a), b: same(frames.b) });
      expectObservable(source.pipe(estimatePose({ method: 'model' }))).toBe('a-bc|', frames);
      expectSubscriptions(source.subscriptions).toBe(['^--!', '^---!']);
    });
  });
});
