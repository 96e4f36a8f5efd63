import path from 'node:path';
import { firstValueFrom, from, lastValueFrom, take, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveFfmpegCount, liveSessionCount, liveWorkerCount, readFrames, type Frame } from '@facepipe/core';
import type { FrameWithMask } from './mask.js';
import { PortraitSegmenter } from './portrait-segmenter.js';
import { segmentPortrait } from './segment-portrait.js';
import { blurBackground } from './blur-background.js';

const shared = process.env.FACEPIPE_SHARED!;
const driving = path.join(shared, 'data/video/driving.mp4');

/** Mean absolute second temporal difference |m[k+1] - 2 m[k] + m[k-1]| (flicker, not steady motion), in [0, 2]. */
function jitter(frames: readonly FrameWithMask[]): number {
  let sum = 0;
  let n = 0;
  for (let k = 2; k < frames.length; k++) {
    const a = frames[k - 2]!.results.mask.data, b = frames[k - 1]!.results.mask.data, c = frames[k]!.results.mask.data;
    for (let i = 0; i < a.length; i++) sum += Math.abs(c[i]! - 2 * b[i]! + a[i]!);
    n += a.length;
  }
  return sum / n / 255;
}

/** Mean absolute alpha change between consecutive masks, in [0, 1]. */
function meanChange(frames: readonly FrameWithMask[]): number {
  let sum = 0;
  let n = 0;
  for (let k = 1; k < frames.length; k++) {
    const a = frames[k - 1]!.results.mask.data;
    const b = frames[k]!.results.mask.data;
    for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
    n += a.length;
  }
  return sum / n / 255;
}

describe('segmentPortrait on driving.mp4', () => {
  let frames: Frame[];
  let seg: PortraitSegmenter;
  const sessions0 = liveSessionCount();
  beforeAll(async () => {
    // 1 s of video (25 frames at 25 fps)
    frames = await lastValueFrom(readFrames(driving, { durationMs: 1000 }).pipe(toArray()));
    seg = await PortraitSegmenter.create({ workers: 0, intraOpThreads: 1 });
  });
  afterAll(async () => {
    await seg.dispose();
    expect(liveSessionCount()).toBe(sessions0);
  });

  it('attaches frame-size masks in input order; temporal smoothing reduces frame-to-frame change', async () => {
    expect(frames.length).toBe(25);
    const { from } = await import('rxjs');
    const raw = await lastValueFrom(from(frames).pipe(segmentPortrait({ segmenter: seg, temporal: false }), toArray()));
    const smooth = await lastValueFrom(from(frames).pipe(segmentPortrait({ segmenter: seg }), toArray()));
    expect(raw.map((f) => f.index)).toEqual(frames.map((f) => f.index));
    expect(smooth.map((f) => f.index)).toEqual(frames.map((f) => f.index));
    for (const f of smooth) {
      expect(f.results.mask.width).toBe(410);
      expect(f.results.mask.height).toBe(412);
      expect(f.data).toBe(frames[f.index]!.data); // pixels shared, frame not copied
      expect(f.results.mask.coverage).toBeGreaterThan(0.15);
    }
    const rawChange = meanChange(raw);
    const smoothChange = meanChange(smooth);
    // the smoothed masks stay close to the raw ones (no lag artefacts)
    let lag = 0;
    for (let k = 0; k < raw.length; k++) {
      const a = raw[k]!.results.mask.data, b = smooth[k]!.results.mask.data;
      for (let i = 0; i < a.length; i++) lag += Math.abs(a[i]! - b[i]!);
    }
    lag /= raw.length * raw[0]!.results.mask.data.length * 255;
    const rawJitter = jitter(raw);
    const smoothJitter = jitter(smooth);
    console.log('driving.mp4 masks (25 frames)', {
      meanAbsDeltaAlpha_raw: Number(rawChange.toFixed(5)),
      meanAbsDeltaAlpha_smoothed: Number(smoothChange.toFixed(5)),
      changeReduction: Number((1 - smoothChange / rawChange).toFixed(3)),
      jitter_raw: Number(rawJitter.toFixed(5)),
      jitter_smoothed: Number(smoothJitter.toFixed(5)),
      jitterReduction: Number((1 - smoothJitter / rawJitter).toFixed(3)),
      meanAbsDiffSmoothedVsRaw: Number(lag.toFixed(5)),
    });
    expect(smoothChange).toBeLessThan(rawChange * 0.97);
    expect(smoothJitter).toBeLessThan(rawJitter * 0.85);
    expect(lag).toBeLessThan(0.02);
  });

  it('blurBackground after segmentPortrait reuses the mask instead of segmenting again', async () => {
    const five = frames.slice(0, 5);
    let calls = 0;
    const infer = seg.infer.bind(seg);
    seg.infer = (image) => {
      calls++; // the real inference, counted
      return infer(image);
    };
    try {
      const masked = await lastValueFrom(from(five).pipe(segmentPortrait({ segmenter: seg }), toArray()));
      expect(calls).toBe(5);
      const blurred = await lastValueFrom(from(masked).pipe(blurBackground({ segmenter: seg }), toArray()));
      expect(calls).toBe(5); // no second inference per frame
      expect(blurred.map((f) => f.results.mask)).toEqual(masked.map((f) => f.results.mask));
      await lastValueFrom(from(masked).pipe(blurBackground({ segmenter: seg, reuseMask: false }), toArray()));
      expect(calls).toBe(10); // opting out segments again
    } finally {
      seg.infer = infer;
    }
  });

  it('runs 2 workers with concurrency 2, keeps order, and frees workers on completion', async () => {
    const workers0 = liveWorkerCount();
    const { from } = await import('rxjs');
    const out = await lastValueFrom(from(frames.slice(0, 8)).pipe(segmentPortrait({ workers: 2, intraOpThreads: 1, temporal: false }), toArray()));
    expect(out.map((f) => f.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // identical masks to the in-process session (same model, same input)
    const ref = await seg.segment(frames[5]!);
    let diff = 0;
    for (let i = 0; i < ref.data.length; i++) diff = Math.max(diff, Math.abs(ref.data[i]! - out[5]!.results.mask.data[i]!));
    expect(diff).toBeLessThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(liveWorkerCount()).toBe(workers0);
  });

  it('unsubscribing mid-stream disposes the session and kills ffmpeg', async () => {
    const ff0 = liveFfmpegCount();
    const first = await firstValueFrom(readFrames(driving).pipe(segmentPortrait({ workers: 0, intraOpThreads: 1 }), take(2), toArray()));
    expect(first.map((f) => f.index)).toEqual([0, 1]);
    await new Promise((r) => setTimeout(r, 100));
    expect(liveSessionCount()).toBe(sessions0 + 1); // only the shared `seg`
    expect(liveFfmpegCount()).toBe(ff0);
  });

  it('reports load and frame errors as error notifications; validates options synchronously', async () => {
    const { from } = await import('rxjs');
    await expect(lastValueFrom(from(frames.slice(0, 1)).pipe(segmentPortrait({ model: 'no-such-model.onnx', workers: 0 })))).rejects.toThrow(/no-such-model/);
    const gray = { ...frames[0]!, channels: 1, data: new Uint8Array(410 * 412) } as unknown as Frame;
    await expect(lastValueFrom(from([gray]).pipe(segmentPortrait({ segmenter: seg })))).rejects.toThrow(/1 \(grayscale\)/);
    expect(() => segmentPortrait({ concurrency: 0 })).toThrow(RangeError);
    expect(() => segmentPortrait({ temporal: { rate: 3 } })).toThrow(/Expected `rate`/);
    expect(() => segmentPortrait({ inputPolicy: 'fit' as never })).toThrow(/inputPolicy/);
  });
});
