import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { from, lastValueFrom, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveFfmpegCount, probeVideo, readFrames, readImage } from '@facepipe/core';
import type { FrameWithMask } from './mask.js';
import { maskToImage } from './mask-to-image.js';
import { matteFrame } from './matte-frame.js';
import { PortraitSegmenter } from './portrait-segmenter.js';
import { segmentPortrait } from './segment-portrait.js';
import { writeMaskPng } from './write-mask-png.js';
import { writeMaskPngs } from './write-mask-pngs.js';
import { writeMatteVideo } from './write-matte-video.js';

const shared = process.env.FACEPIPE_SHARED!;
const driving = path.join(shared, 'data/video/driving.mp4');

describe('mask export', () => {
  let seg: PortraitSegmenter;
  let masked: FrameWithMask[];
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seg-export-'));
    seg = await PortraitSegmenter.create({ workers: 0, intraOpThreads: 1, feather: 2 });
    masked = await lastValueFrom(readFrames(driving, { durationMs: 400 }).pipe(segmentPortrait({ segmenter: seg }), toArray())); // 10 frames
  });
  afterAll(async () => {
    await seg.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes grayscale PNGs per frame that read back exactly', async () => {
    const out = await lastValueFrom(from(masked.slice(0, 3)).pipe(writeMaskPngs(dir), toArray()));
    expect(out.map((f) => f.index)).toEqual([0, 1, 2]);
    for (const f of out) {
      const file = path.join(dir, `mask-${String(f.index).padStart(6, '0')}.png`);
      const back = await readImage(file); // gray PNG expanded to RGB
      const m = f.results.mask.data;
      for (let p = 0; p < m.length; p++) if (back.data[p * 3] !== m[p]) throw new Error(`pixel ${p} differs`);
    }
    const png = await writeMaskPng(masked[0]!.results.mask);
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(maskToImage(masked[0]!.results.mask).channels).toBe(1);
    await expect(lastValueFrom(from([{ ...masked[0]!, results: {} } as unknown as FrameWithMask]).pipe(writeMaskPngs(dir)))).rejects.toThrow(/no results.mask/);
  });

  it('matteFrame replicates alpha into RGB', () => {
    const m = matteFrame(masked[0]!);
    const a = masked[0]!.results.mask.data;
    expect(m.width).toBe(410);
    expect(m.data[1000 * 3]).toBe(a[1000]);
    expect(m.data[1000 * 3 + 2]).toBe(a[1000]);
    expect(m.results.mask).toBe(masked[0]!.results.mask);
  });

  it('writeMatteVideo encodes a matte mp4 and passes the original frames through', async () => {
    const ff0 = liveFfmpegCount();
    const file = path.join(dir, 'matte.mp4');
    const out = await lastValueFrom(from(masked).pipe(writeMatteVideo(file, { fps: 25, crf: 12 }), toArray()));
    expect(out).toHaveLength(masked.length);
    out.forEach((f, i) => expect(f).toBe(masked[i]));
    const info = await probeVideo(file);
    expect([info.width, info.height]).toEqual([410, 412]);
    const back = await lastValueFrom(readFrames(file).pipe(toArray()));
    expect(back).toHaveLength(masked.length);
    let sum = 0, n = 0;
    back.forEach((f, i) => {
      const a = masked[i]!.results.mask.data;
      for (let p = 0; p < a.length; p++) sum += Math.abs(f.data[p * 3 + 1]! - a[p]!);
      n += a.length;
    });
    console.log('matte video round trip', { meanAbsError_levels: Number((sum / n).toFixed(3)) });
    expect(sum / n).toBeLessThan(3);
    await new Promise((r) => setTimeout(r, 50));
    expect(liveFfmpegCount()).toBe(ff0);
  });
});
