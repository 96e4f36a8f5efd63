import { describe, expect, it } from 'vitest';
import { createFrame, type Frame, type ImageData8 } from '@facepipe/core';
import { AsyncTestScheduler } from '../../../core/src/testing/async-test-scheduler.js';
import { fakeInstance } from '../../../core/src/testing/fake-instance.js';
import { detectFaces } from './detect-faces.js';
import { FaceDetector } from './face-detector.js';
import type { Face } from '@facepipe/core';

const frame = (index: number): Frame => createFrame({ data: new Uint8Array(3 * 4 * 4), width: 4, height: 4, index });
const frames = { a: frame(0), b: frame(1), c: frame(2), d: frame(3) };
const faceOf = (f: Frame): Face => ({ box: [f.index, 0, f.index + 10, 10], score: 0.9 });
/** What detectFaces must emit for frame `f`: the same frame, with its own detection. */
const detected = (f: Frame) => expect.objectContaining({ index: f.index, data: f.data, results: { faces: [faceOf(f)] } });

/**
 * A FaceDetector (passes `instanceof`, so detectFaces accepts it as `{ detector }`) whose detect
 * resolves after `latency[frame.index]` frames of the test scheduler's virtual time. No ONNX.
 */
function fakeDetector(ts: AsyncTestScheduler, latency: readonly number[], fail?: number) {
  const log = { started: [] as string[], inFlight: 0, peak: 0, disposed: 0 };
  const detector = fakeInstance(FaceDetector, {
    workers: 2,
    async detect(image: ImageData8): Promise<Face[]> {
      const f = image as Frame;
      log.started.push(`${f.index}@${ts.now()}`);
      log.peak = Math.max(log.peak, ++log.inFlight);
      await ts.sleep(latency[f.index]!);
      log.inFlight--;
      if (f.index === fail) throw new Error(`detector failed on frame ${fail}`);
      return [faceOf(f)];
    },
    dispose: async () => void log.disposed++,
  });
  return { detector, log };
}

describe('detectFaces (marbles, virtual time, fake detector)', () => {
  it('emits in arrival order while later frames finish first, `concurrency` at a time (default: the detector workers)', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    const { detector, log } = fakeDetector(ts, [4, 1, 2, 0]);
    await ts.runAsync(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('abcd|', frames);
      // b is done at 2 but waits for a (4); c starts when b frees a worker (2), d when a does (4).
      expectObservable(source.pipe(detectFaces({ detector }))).toBe('----(ABCD|)', { A: detected(frames.a), B: detected(frames.b), C: detected(frames.c), D: detected(frames.d) });
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
    expect(log.started).toEqual(['0@0', '1@1', '2@2', '3@4']);
    expect(log.peak).toBe(2);
    expect(log.disposed).toBe(0); // a shared detector is never disposed by the operator
  });

  it('concurrency 1 detects one frame at a time, in order', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    const { detector } = fakeDetector(ts, [2, 2]);
    await ts.runAsync(({ cold, expectObservable }) => {
      expectObservable(cold('ab|', frames).pipe(detectFaces({ detector, concurrency: 1 }))).toBe('--A-(B|)', { A: detected(frames.a), B: detected(frames.b) });
    });
  });

  it('unsubscribing unsubscribes the source and drops the result still in flight', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    const { detector, log } = fakeDetector(ts, [2, 2, 2]);
    await ts.runAsync(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('ab-c|', frames);
      expectObservable(source.pipe(detectFaces({ detector })), '^--!').toBe('--A', { A: detected(frames.a) });
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
    expect(log.started).toEqual(['0@0', '1@1']); // c arrived after the unsubscription
    expect(log.disposed).toBe(0);
  });

  it('a detector failure is an error notification at its virtual time, and the source is unsubscribed', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    const { detector } = fakeDetector(ts, [1, 2, 1], 1);
    await ts.runAsync(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('abc-|', frames);
      expectObservable(source.pipe(detectFaces({ detector }))).toBe('-A-#', { A: detected(frames.a) }, new Error('detector failed on frame 1'));
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });
});
