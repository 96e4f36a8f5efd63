import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { from, lastValueFrom, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveFfmpegCount, liveSessionCount, readFrames, releaseFrames, type Frame, type ImageData8 } from '@facepipe/core';
import { blurBackground } from './blur-background.js';
import type { FrameWithMask } from './mask.js';
import { PortraitSegmenter } from './portrait-segmenter.js';
import { replaceBackground } from './replace-background.js';

const shared = process.env.FACEPIPE_SHARED!;
const driving = path.join(shared, 'data/video/driving.mp4');
const hamilton = path.join(shared, 'data/video/short_hamilton_clip.mp4');

/** PSNR in dB between two byte arrays. */
function psnr(a: Uint8Array, b: Float64Array | Uint8Array): number {
  let se = 0;
  for (let i = 0; i < a.length; i++) se += (a[i]! - b[i]!) ** 2;
  return se === 0 ? Infinity : 10 * Math.log10((255 * 255) / (se / a.length));
}

/** Float reference of three box passes of radius r (edges clamped), no intermediate rounding. */
function referenceBlur(img: ImageData8, r: number): Float64Array {
  const { width: w, height: h } = img;
  let cur = Float64Array.from(img.data);
  const tmp = new Float64Array(cur.length);
  const clamp = (v: number, n: number) => (v < 0 ? 0 : v >= n ? n - 1 : v);
  for (let pass = 0; pass < 3; pass++) {
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let d = -r; d <= r; d++) s += cur[(y * w + clamp(x + d, w)) * 3 + c]!;
      tmp[(y * w + x) * 3 + c] = s / (2 * r + 1);
    }
    const next = new Float64Array(cur.length);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let d = -r; d <= r; d++) s += tmp[(clamp(y + d, h) * w + x) * 3 + c]!;
      next[(y * w + x) * 3 + c] = s / (2 * r + 1);
    }
    cur = next;
  }
  return cur;
}

/** Float reference of `fg * a + bg * (1 - a)`. */
function referenceComposite(fg: Uint8Array, bg: ArrayLike<number> | readonly [number, number, number], alpha: Uint8Array): Float64Array {
  const out = new Float64Array(fg.length);
  const solid = bg.length === 3;
  for (let p = 0; p < alpha.length; p++) {
    const a = alpha[p]! / 255;
    for (let c = 0; c < 3; c++) out[p * 3 + c] = fg[p * 3 + c]! * a + (solid ? bg[c]! : bg[p * 3 + c]!) * (1 - a);
  }
  return out;
}

describe('background compositing operators on driving.mp4', () => {
  let frames: Frame[];
  let seg: PortraitSegmenter;
  const sessions0 = liveSessionCount();
  beforeAll(async () => {
    frames = await lastValueFrom(readFrames(driving, { durationMs: 240 }).pipe(toArray())); // 6 frames
    seg = await PortraitSegmenter.create({ workers: 0, intraOpThreads: 1 });
  });
  afterAll(async () => {
    await seg.dispose();
    expect(liveSessionCount()).toBe(sessions0);
  });

  it('blurBackground matches a float gaussian-ish reference (PSNR) and keeps the person sharp', async () => {
    const radius = 6;
    const [out] = await lastValueFrom(from(frames.slice(0, 1)).pipe(blurBackground({ segmenter: seg, radius }), toArray()));
    const frame = frames[0]!;
    const alpha = out!.results.mask.data;
    expect(out!.data).not.toBe(frame.data);
    expect(out!.index).toBe(frame.index);
    const ref = referenceComposite(frame.data, referenceBlur(frame, radius), alpha);
    const db = psnr(out!.data, ref);
    let keptExact = 0, person = 0, gradIn = 0, gradOut = 0;
    for (let p = 0; p < alpha.length; p++) {
      if (alpha[p] === 255) {
        person++;
        if (out!.data[p * 3] === frame.data[p * 3] && out!.data[p * 3 + 1] === frame.data[p * 3 + 1]) keptExact++;
      } else if (alpha[p] === 0 && alpha[p + 1] === 0 && (p + 1) % frame.width !== 0) {
        // horizontal detail (green channel) in the background, before and after
        gradIn += Math.abs(frame.data[p * 3 + 4]! - frame.data[p * 3 + 1]!);
        gradOut += Math.abs(out!.data[p * 3 + 4]! - out!.data[p * 3 + 1]!);
      }
    }
    const dbOriginal = psnr(out!.data, frame.data);
    console.log('blurBackground vs float reference', { psnr_dB: Number(db.toFixed(2)), psnrVsUnblurredFrame_dB: Number(dbOriginal.toFixed(2)), backgroundDetailRatio: Number((gradOut / gradIn).toFixed(3)) });
    expect(db).toBeGreaterThan(40);
    expect(keptExact / person).toBe(1);
    // the background really is blurred: far closer to the blurred reference than to the input
    expect(dbOriginal).toBeLessThan(db - 10);
    expect(gradOut).toBeLessThan(gradIn);
  });

  it('replaceBackground({ color }) and ({ image }) match float references', async () => {
    const color = [0, 177, 64] as const;
    const [c] = await lastValueFrom(from(frames.slice(0, 1)).pipe(replaceBackground({ color, segmenter: seg }), toArray()));
    const alpha = c!.results.mask.data;
    expect(psnr(c!.data, referenceComposite(frames[0]!.data, color, alpha))).toBeGreaterThan(45);
    for (let p = 0; p < alpha.length; p++) if (alpha[p] === 0) expect([c!.data[p * 3], c!.data[p * 3 + 1], c!.data[p * 3 + 2]]).toEqual([0, 177, 64]);
    // a still image of the frame's size (a frame of another clip)
    const [bg] = await lastValueFrom(readFrames(hamilton, { width: 410, height: 412, durationMs: 40 }).pipe(toArray()));
    const [im] = await lastValueFrom(from(frames.slice(0, 1)).pipe(replaceBackground({ image: bg!, segmenter: seg }), toArray()));
    const db = psnr(im!.data, referenceComposite(frames[0]!.data, bg!.data, im!.results.mask.data));
    console.log('replaceBackground vs float reference', { image_psnr_dB: Number(db.toFixed(2)) });
    expect(db).toBeGreaterThan(45);
  });

  it('replaceBackground({ video }) pairs frames in order and loops a shorter background', async () => {
    const ff0 = liveFfmpegCount();
    const bgFrames = await lastValueFrom(readFrames(hamilton, { width: 410, height: 412, durationMs: 100 }).pipe(toArray())); // 3 frames
    expect(bgFrames).toHaveLength(3);
    const out = await lastValueFrom(from(frames).pipe(replaceBackground({ video: from(bgFrames), segmenter: seg, temporal: false }), toArray()));
    expect(out.map((f) => f.index)).toEqual(frames.map((f) => f.index));
    out.forEach((f: FrameWithMask, k) => {
      const bg = bgFrames[k % 3]!.data;
      const alpha = f.results.mask.data;
      let checked = 0;
      for (let p = 0; p < alpha.length; p++) {
        if (alpha[p] !== 0) continue;
        checked++;
        if (f.data[p * 3] !== bg[p * 3] || f.data[p * 3 + 2] !== bg[p * 3 + 2]) throw new Error(`frame ${k}: background pixel ${p} is not from background frame ${k % 3}`);
      }
      expect(checked).toBeGreaterThan(1000);
    });
    // a background video path (640x360, scaled to cover 410x412)
    const viaPath = await lastValueFrom(from(frames.slice(0, 3)).pipe(replaceBackground({ video: hamilton, segmenter: seg }), toArray()));
    expect(viaPath.map((f) => [f.width, f.height])).toEqual([[410, 412], [410, 412], [410, 412]]);
    await new Promise((r) => setTimeout(r, 100));
    expect(liveFfmpegCount()).toBe(ff0);
  });

  it('keeps a manual-release decoder flowing (blurBackground releases the frames it replaced)', async () => {
    const out = await lastValueFrom(
      readFrames(driving, { release: 'manual', maxInFlight: 2, durationMs: 200 }).pipe(blurBackground({ segmenter: seg, radius: 4 }), releaseFrames(), toArray()),
    );
    expect(out.map((f) => f.index)).toEqual([0, 1, 2, 3, 4]);
  });

  it('validates the background choice synchronously', () => {
    expect(() => replaceBackground({} as never)).toThrow(/exactly one of `color`, `image`, `video`/);
    expect(() => replaceBackground({ color: [0, 0, 0], image: 'x.png' } as never)).toThrow(TypeError);
    expect(() => replaceBackground({ color: [0, 300, 0] })).toThrow(/Expected `color\[1\]`/);
    expect(() => replaceBackground({ video: 42 as never })).toThrow(/Observable<Frame> or a file path/);
    expect(() => blurBackground({ radius: -2 })).toThrow(RangeError);
  });

  it('a missing background image is an error notification', async () => {
    const missing = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'seg-bg-')), 'missing.jpg');
    await expect(lastValueFrom(from(frames.slice(0, 1)).pipe(replaceBackground({ image: missing, segmenter: seg })))).rejects.toThrow(/missing\.jpg/);
  });
});
