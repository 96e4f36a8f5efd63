import { describe, expect, it } from 'vitest';
import { createFrame, withResults, type Frame } from '@facepipe/core';
import type { Face } from '@facepipe/detector';
import { AsyncTestScheduler } from '../../../core/src/testing/async-test-scheduler.js';
import { detectLandmarks } from './detect-landmarks.js';
import type { LandmarkDetector } from './landmark-detector.js';

const frame = (index: number, faces: number): Frame =>
  withResults(createFrame({ data: new Uint8Array(3), width: 1, height: 1, index }), { faces: Array.from({ length: faces }, (_, k) => ({ box: [k, 0, k + 5, 5] as const, score: 1 })) });
const frames = { a: frame(0, 1), b: frame(1, 0), c: frame(2, 2), d: frame(3, 1) };
/** One landmark pair per face, encoding the frame and face index, so a mix-up between frames shows. */
const marked = (f: Frame, face: Face, k: number): Face => ({ ...face, landmarks: Float32Array.of(f.index, k) });
const withLandmarks = (f: Frame) =>
  expect.objectContaining({ index: f.index, data: f.data, results: { faces: f.results.faces!.map((face, k) => marked(f, face, k)) } });

/** A LandmarkDetector (the operator uses only detect/dispose) taking `latency[frame.index]` virtual frames. */
function fakeDetector(ts: AsyncTestScheduler, latency: readonly number[]) {
  const log = { started: [] as string[], disposed: 0 };
  const fake = {
    async detect(image: Frame, faces: readonly Face[]): Promise<Face[]> {
      log.started.push(`${image.index}@${ts.now()}`);
      await ts.sleep(latency[image.index]!);
      return faces.map((face, k) => marked(image, face, k));
    },
    async dispose() {
      log.disposed++;
    },
  };
  return { detector: fake as unknown as LandmarkDetector, log };
}

describe('detectLandmarks (marbles, virtual time, fake detector)', () => {
  it('keeps input order: a frame without faces passes through but waits for the earlier frames', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    const { detector, log } = fakeDetector(ts, [3, 0, 4, 1]);
    await ts.runAsync(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('ab-c-d|', frames);
      // a: 0 -> 3 (b, ready at once, waits for it); c: 3 (slot free) -> 7; d queued at 5, runs 7 -> 8.
      expectObservable(source.pipe(detectLandmarks({ detector }))).toBe('---(ab)c(d|)', { a: withLandmarks(frames.a), b: frames.b, c: withLandmarks(frames.c), d: withLandmarks(frames.d) });
      expectSubscriptions(source.subscriptions).toBe('^-----!');
    });
    expect(log.started).toEqual(['0@0', '2@3', '3@7']); // b has no faces: the model is not run
    expect(log.disposed).toBe(0);
  });

  it('concurrency 2 overlaps two frames, output order unchanged', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    const { detector } = fakeDetector(ts, [3, 0, 0, 1]); // c (2 -> 2) is done before a (0 -> 3)
    await ts.runAsync(({ cold, expectObservable }) => {
      expectObservable(cold('a-c|', frames).pipe(detectLandmarks({ detector, concurrency: 2 }))).toBe('---(ac|)', { a: withLandmarks(frames.a), c: withLandmarks(frames.c) });
    });
  });

  it('unsubscribing unsubscribes the source and drops the frame still in flight', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    const { detector, log } = fakeDetector(ts, [1, 0, 5, 0]);
    await ts.runAsync(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-c--d|', frames);
      expectObservable(source.pipe(detectLandmarks({ detector })), '^---!').toBe('-a', { a: withLandmarks(frames.a) });
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
    expect(log.started).toEqual(['0@0', '2@2']);
  });
});
