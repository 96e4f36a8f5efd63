import { describe, expect, it } from 'vitest';
import { createFrame, type Frame, type ImageData8 } from '@facepipe/core';
import { AsyncTestScheduler } from '../../../core/src/testing/async-test-scheduler.js';
import { fakeInstance } from '../../../core/src/testing/fake-instance.js';
import { PortraitSegmenter } from './portrait-segmenter.js';
import type { ProbabilityMap } from './probability-map.js';
import { segmentPortrait } from './segment-portrait.js';

/** 2x2 frames; frame i's fake person probability is PROB[i], so each mask tells which frame it came from. */
const PROB = [0.2, 0.4, 0.6, 0.8];
const alpha = (i: number): Uint8Array => new Uint8Array(4).fill(Math.round(255 * PROB[i]!)); // 51, 102, 153, 204
const frame = (index: number): Frame => createFrame({ data: new Uint8Array(12).fill(100), width: 2, height: 2, index });
const frames = { a: frame(0), b: frame(1), c: frame(2), d: frame(3) };
const masked = (f: Frame) =>
  expect.objectContaining({ index: f.index, data: f.data, results: { mask: expect.objectContaining({ width: 2, height: 2, data: alpha(f.index) }) } });

/** A PortraitSegmenter whose infer takes `latency[frame.index]` virtual frames. No ONNX. */
function fakeSegmenter(ts: AsyncTestScheduler, latency: readonly number[], concurrency = 2) {
  const log = { started: [] as string[], disposed: 0 };
  const segmenter = fakeInstance(PortraitSegmenter, {
    concurrency,
    postprocessOptions: {},
    async infer(image: ImageData8): Promise<ProbabilityMap> {
      const i = (image as Frame).index;
      log.started.push(`${i}@${ts.now()}`);
      await ts.sleep(latency[i]!);
      return { width: 2, height: 2, contentWidth: 2, contentHeight: 2, data: new Float32Array(4).fill(PROB[i]!) };
    },
    dispose: async () => void log.disposed++,
  });
  return { segmenter, log };
}

describe('segmentPortrait (marbles, virtual time, fake segmenter)', () => {
  it('masks come out in frame order, `concurrency` (the segmenter\'s) inferences at a time', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    const { segmenter, log } = fakeSegmenter(ts, [4, 1, 2, 0]);
    await ts.runAsync(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('abcd|', frames);
      expectObservable(source.pipe(segmentPortrait({ segmenter, temporal: false }))).toBe('----(abcd|)', { a: masked(frames.a), b: masked(frames.b), c: masked(frames.c), d: masked(frames.d) });
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
    expect(log.started).toEqual(['0@0', '1@1', '2@2', '3@4']);
    expect(log.disposed).toBe(0);
  });

  it('temporal smoothing runs in frame order: the second mask blends towards the first', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    const { segmenter } = fakeSegmenter(ts, [3, 1]); // b's inference finishes first
    const alpha0: number[] = [];
    await ts.runAsync(({ cold, expectObservable }) => {
      const out = cold('ab|', frames).pipe(segmentPortrait({ segmenter }));
      out.subscribe((f) => alpha0.push(f.results.mask.data[0]!));
      expectObservable(out).toBe('---(ab|)', { a: expect.objectContaining({ index: 0 }), b: expect.objectContaining({ index: 1 }) });
    });
    console.log(`temporal: alpha ${alpha0.join(", ")}`);
    expect(alpha0[0]).toBe(51); // the first mask is the first frame's own
    expect(alpha0[1]).toBeGreaterThan(51); // the second moved from frame 0's 51 towards its own 102
    expect(alpha0[1]).toBeLessThan(102);
  });

  it('unsubscribing unsubscribes the source and drops the inference in flight', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    const { segmenter, log } = fakeSegmenter(ts, [1, 5, 0, 0], 1);
    await ts.runAsync(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('ab--c|', frames);
      expectObservable(source.pipe(segmentPortrait({ segmenter, temporal: false })), '^--!').toBe('-a', { a: masked(frames.a) });
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
    expect(log.started).toEqual(['0@0', '1@1']);
  });
});
