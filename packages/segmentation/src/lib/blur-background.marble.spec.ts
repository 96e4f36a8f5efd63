import { describe, expect, it } from 'vitest';
import { createFrame, type Frame } from '@facepipe/core';
import { lendFrameData } from '../../../core/src/video/release-frame.js';
import { AsyncTestScheduler } from '../../../core/src/testing/async-test-scheduler.js';
import { fakeInstance } from '../../../core/src/testing/fake-instance.js';
import { blurBackground } from './blur-background.js';
import { boxBlur } from './box-blur.js';
import { PortraitSegmenter } from './portrait-segmenter.js';

/** 2x1 frames, left pixel 0 and right pixel 200 (every channel); frame i is all person when PERSON[i], all background otherwise. */
const PERSON = [true, false, true];
const pixels = () => Uint8Array.of(0, 0, 0, 200, 200, 200);

describe('blurBackground (marbles, virtual time, fake segmenter)', () => {
  it('composites in frame order, releases each input frame when its output goes out, and unsubscribes on teardown', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    const released: string[] = [];
    const latency = [3, 1, 1];
    const segmenter = fakeInstance(PortraitSegmenter, {
      concurrency: 2,
      postprocessOptions: {},
      async infer(image) {
        const i = (image as Frame).index;
        await ts.sleep(latency[i]!);
        return { width: 2, height: 1, contentWidth: 2, contentHeight: 1, data: new Float32Array(2).fill(PERSON[i] ? 1 : 0) };
      },
    });
    const frames: Record<string, Frame> = {};
    for (const [i, k] of ['a', 'b', 'c'].entries()) {
      frames[k] = createFrame({ data: pixels(), width: 2, height: 1, index: i });
      lendFrameData(frames[k].data, { giveBack: () => (released.push(`${k}@${ts.now()}`), true) });
    }
    // Person: the frame as it is. Background: the 3-pass box blur of 0 | 200 (two grey levels between).
    const sharp = (i: number) => expect.objectContaining({ index: i, data: pixels() });
    const background = boxBlur({ width: 2, height: 1, channels: 3, data: pixels() }, 1, { passes: 3 }).data;
    expect(background).not.toEqual(pixels());
    const blurred = (i: number) => expect.objectContaining({ index: i, data: background });
    await ts.runAsync(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('abc--', frames);
      // b is done at 2, c at 3, both after a (3); unsubscribed at 4.
      expectObservable(source.pipe(blurBackground({ segmenter, radius: 1, feather: 0 })), '^---!').toBe('---(abc)', { a: sharp(0), b: blurred(1), c: sharp(2) });
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
    expect(released).toEqual(['a@3', 'b@3', 'c@3']);
  });
});
