import { describe, expect, it } from 'vitest';
import { createFrame, type Frame } from '@facepipe/core';
import { AsyncTestScheduler } from '../../../core/src/testing/async-test-scheduler.js';
import { fakeInstance } from '../../../core/src/testing/fake-instance.js';
import { PortraitSegmenter } from './portrait-segmenter.js';
import { replaceBackground } from './replace-background.js';

const solid = (index: number, value: number): Frame => createFrame({ data: new Uint8Array(3).fill(value), width: 1, height: 1, index });
/** The output frame for input frame `index`: the background's pixel, as the fake mask says "no person". */
const onBackground = (index: number, value: number) => expect.objectContaining({ index, data: Uint8Array.of(value, value, value) });

/** A segmenter that finds no person in any frame, taking `latency[frame.index]` virtual frames, `concurrency` frames at a time. */
function noPerson(ts: AsyncTestScheduler, latency: readonly number[], concurrency = 1) {
  return fakeInstance(PortraitSegmenter, {
    concurrency,
    postprocessOptions: {},
    async infer(image) {
      await ts.sleep(latency[(image as Frame).index]!);
      return { width: 1, height: 1, contentWidth: 1, contentHeight: 1, data: new Float32Array(1) };
    },
  });
}

describe('replaceBackground (marbles, virtual time, fake segmenter)', () => {
  it('pairs input frames with background-video frames in order, re-subscribing the background to loop it', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    await ts.runAsync(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('abc|', { a: solid(0, 1), b: solid(1, 2), c: solid(2, 3) });
      const video = cold('xy|', { x: solid(0, 50), y: solid(1, 60) });
      const out = source.pipe(replaceBackground({ video, segmenter: noPerson(ts, [1, 1, 1]), feather: 0 }));
      // a, b, c are segmented at 1, 2, 3; c needs a third background frame: the 2-frame video restarts at 3.
      expectObservable(out).toBe('-ab(c|)', { a: onBackground(0, 50), b: onBackground(1, 60), c: onBackground(2, 50) });
      expectSubscriptions(source.subscriptions).toBe('^--!');
      expectSubscriptions(video.subscriptions).toBe(['^-!', '---(^!)']);
    });
  });

  it('a colour background: frame order kept; unsubscribing unsubscribes the source and the background video', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    await ts.runAsync(({ cold, expectObservable, expectSubscriptions }) => {
      // Two frames in inference at once: b (1 -> 2) is done before a (0 -> 3) but comes out after it.
      const source = cold('ab------c|', { a: solid(0, 1), b: solid(1, 2), c: solid(2, 3) });
      expectObservable(source.pipe(replaceBackground({ color: [9, 9, 9], segmenter: noPerson(ts, [3, 1, 1], 2), feather: 0 }))).toBe('---(ab)--(c|)', { a: onBackground(0, 9), b: onBackground(1, 9), c: onBackground(2, 9) });
      const video = cold('x-x-x-x', { x: solid(0, 50) });
      const other = cold('a-b-c-|', { a: solid(0, 1), b: solid(1, 2), c: solid(2, 3) });
      expectObservable(other.pipe(replaceBackground({ video, segmenter: noPerson(ts, [1, 1, 1]), feather: 0 })), '^--!').toBe('-a', { a: onBackground(0, 50) });
      expectSubscriptions(other.subscriptions).toBe('^--!');
      expectSubscriptions(video.subscriptions).toBe('^--!');
    });
  });
});
