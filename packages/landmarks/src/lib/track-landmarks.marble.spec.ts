import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Subject } from 'rxjs';
import { createFrame, type Face, type Frame, type ImageData8 } from '@facepipe/core';
import { AsyncTestScheduler } from '../../../core/src/testing/async-test-scheduler.js';
import { fakeInstance } from '../../../core/src/testing/fake-instance.js';
import { LandmarkDetector } from './landmark-detector.js';
import { trackLandmarks } from './track-landmarks.js';

// Virtual time, fake models: when trackLandmarks starts which model run, and how errors and
// teardown behave. Every frame is the same black 100x100 picture (no scene cut after frame 0) with
// one face the fake detector finds at BOX; the fake landmark model puts 4 points inside whatever
// crop it is given, so a followed face stays put.

const BOX = [20, 20, 60, 60] as const;
const frame = (index: number): Frame => createFrame({ data: new Uint8Array(100 * 100 * 3), width: 100, height: 100, index });
const frames = { a: frame(0), b: frame(1), c: frame(2), d: frame(3), e: frame(4) };
const pointsIn = (b: readonly number[]): Float32Array => {
  const cx = (b[0]! + b[2]!) / 2, cy = (b[1]! + b[3]!) / 2, w = (b[2]! - b[0]!) / 4, h = (b[3]! - b[1]!) / 4;
  return Float32Array.of(cx - w, cy - h, cx + w, cy - h, cx + w, cy + h, cx - w, cy + h);
};
/** A frame as trackLandmarks emits it here: the one face at BOX with its landmarks. */
const tracked = (f: Frame) => expect.objectContaining({ index: f.index, results: { faces: [{ box: [...BOX], score: 0.9, landmarks: pointsIn(BOX) }] } });
const out = { a: tracked(frames.a), b: tracked(frames.b), c: tracked(frames.c), d: tracked(frames.d), e: tracked(frames.e) };

interface Script {
  /** Virtual frames a run on frame `index` takes (default 1). */
  readonly detect?: Record<number, number>;
  readonly landmarks?: Record<number, number>;
  /** Frames whose run rejects (after its latency). */
  readonly detectFails?: readonly number[];
  readonly landmarksFail?: readonly number[];
}

/** The fake models; `log` lists every run as `frame@start`. */
function fakeModels(ts: AsyncTestScheduler, script: Script) {
  const log = { detect: [] as string[], landmarks: [] as string[] };
  const detector = {
    async detect(image: ImageData8): Promise<readonly Face[]> {
      const i = (image as Frame).index;
      log.detect.push(`${i}@${ts.now()}`);
      await ts.sleep(script.detect?.[i] ?? 1);
      if (script.detectFails?.includes(i)) throw new Error(`detector failed on frame ${i}`);
      return [{ box: BOX, score: 0.9 }];
    },
  };
  const landmarks = fakeInstance(LandmarkDetector, {
    async detect(image: ImageData8, faces: readonly Face[]): Promise<Face[]> {
      const i = (image as Frame).index;
      log.landmarks.push(`${i}@${ts.now()}`);
      await ts.sleep(script.landmarks?.[i] ?? 1);
      if (script.landmarksFail?.includes(i)) throw new Error(`landmarks failed on frame ${i}`);
      return faces.map((f) => ({ ...f, landmarks: pointsIn(f.box) }));
    },
  });
  return { detector, landmarks, log };
}

// Any rejection nobody handles fails the test that caused it (vitest reports it too, but later and less precisely).
let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  await new Promise((r) => setTimeout(r, 20)); // rejections are reported after the macrotask that left them unhandled
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

describe('trackLandmarks (marbles, virtual time, fake models)', () => {
  it("starts a scheduled detection's landmarks as soon as the detection is done, before the frames ahead of it are followed", async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    // b (followed) takes 4: 2 -> 6; d (followed) 4: 6 -> 10
    const { detector, landmarks, log } = fakeModels(ts, { landmarks: { 1: 4, 3: 4 } });
    await ts.runAsync(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('abcde|', frames);
      // a: detect 0 -> 1, landmarks 1 -> 2. b follows a: 2 -> 6. c (scheduled): detect 2 -> 3, landmarks 3 -> 4, waits for b.
      // d follows c: 6 -> 10. e (scheduled, 3 frames ahead of d's end): detect 4 -> 5, landmarks 5 -> 6, waits for d.
      expectObservable(source.pipe(trackLandmarks({ detector, landmarks, detectEvery: 2 }))).toBe('--a---(bc)(de|)', out);
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
    expect(log.detect).toEqual(['0@0', '2@2', '4@4']);
    expect(log.landmarks).toEqual(['0@1', '1@2', '2@3', '4@5', '3@6']);
  });

  it('a detection that fails arrives as an error notification, after the frames before it', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    const { detector, landmarks, log } = fakeModels(ts, { landmarks: { 1: 4 }, detectFails: [2] });
    await ts.runAsync(({ cold, expectObservable }) => {
      // c's detection rejects at 3 while b is still followed (2 -> 6): the error comes after b
      expectObservable(cold('abcd|', frames).pipe(trackLandmarks({ detector, landmarks, detectEvery: 2 }))).toBe('--a---(b#)', out, new Error('detector failed on frame 2'));
    });
    expect(log.landmarks.slice(0, 2)).toEqual(['0@1', '1@2']); // c's detection failed: no landmark run for it
  });

  it('an early landmark run that fails arrives as an error notification, after the frames before it', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    const { detector, landmarks } = fakeModels(ts, { landmarks: { 1: 4 }, landmarksFail: [2] });
    await ts.runAsync(({ cold, expectObservable }) => {
      // c's landmarks run 3 -> 4 and reject while c waits for b (6)
      expectObservable(cold('abcd|', frames).pipe(trackLandmarks({ detector, landmarks, detectEvery: 2 }))).toBe('--a---(b#)', out, new Error('landmarks failed on frame 2'));
    });
  });

  it('a landmark run of a followed frame that fails arrives as an error notification', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    const { detector, landmarks } = fakeModels(ts, { landmarksFail: [1] });
    await ts.runAsync(({ cold, expectObservable }) => {
      expectObservable(cold('ab|', frames).pipe(trackLandmarks({ detector, landmarks, detectEvery: 2 }))).toBe('--a#', out, new Error('landmarks failed on frame 1'));
    });
  });

  it('an early landmark run that rejects after unsubscribe does not escape, and no model run starts after unsubscribe', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    // c's landmarks run 3 -> 5 and reject after the unsubscribe at 4, while c still waits for b (2 -> 6);
    // d, waiting for c, would follow at 6: it is torn down by then
    const { detector, landmarks, log } = fakeModels(ts, { landmarks: { 1: 4, 2: 2 }, landmarksFail: [2] });
    await ts.runAsync(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('abcd-e|', frames);
      expectObservable(source.pipe(trackLandmarks({ detector, landmarks, detectEvery: 2 })), '^---!').toBe('--a', out);
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(log.detect).toEqual(['0@0', '2@2']);
    expect(log.landmarks).toEqual(['0@1', '1@2', '2@3']);
  });

  it('a detection still running at unsubscribe gets no landmark run when it resolves', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    const { detector, landmarks, log } = fakeModels(ts, { detect: { 2: 4 } }); // c: detect 2 -> 6
    await ts.runAsync(({ cold, expectObservable }) => {
      expectObservable(cold('abc|', frames).pipe(trackLandmarks({ detector, landmarks, detectEvery: 2 })), '^---!').toBe('--ab', out);
    });
    expect(log.detect).toEqual(['0@0', '2@2']);
    expect(log.landmarks).toEqual(['0@1', '1@2']);
  });

  it('a frame taken in just before an unsubscribe in the same tick starts no model run', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    const { detector, landmarks, log } = fakeModels(ts, {});
    const src = new Subject<Frame>();
    const sub = src.pipe(trackLandmarks({ detector, landmarks })).subscribe();
    src.next(frames.a);
    sub.unsubscribe();
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual({ detect: [], landmarks: [] });
  });
});
