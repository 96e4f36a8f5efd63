import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EncoderError } from '../shared/errors.js';
import type { ImageData8 } from '../tensor/image.js';
import { readImage } from './read-image.js';
import { writeImage } from './write-image.js';

const photos = path.join(process.env.FACEPIPE_SHARED!, 'data/photos');
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-write-image-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function meanAbsDiff(a: Uint8Array, b: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / a.length;
}

describe('writeImage', () => {
  it('round-trips a real photo through PNG exactly', async () => {
    const frame = await readImage(path.join(photos, 'ghostone_duo.jpg'));
    const file = path.join(tmp, 'duo.png');
    await writeImage(frame, file);
    const back = await readImage(file);
    expect([back.width, back.height]).toEqual([frame.width, frame.height]);
    expect(Buffer.from(back.data).equals(Buffer.from(frame.data))).toBe(true);
  });

  it('writes grey PNGs as one band and RGBA PNGs with alpha, losslessly', async () => {
    const grey: ImageData8 = { width: 2, height: 2, channels: 1, data: Uint8Array.of(0, 100, 101, 255) };
    await writeImage(grey, path.join(tmp, 'grey.PNG'));
    const g = await sharp(path.join(tmp, 'grey.PNG')).raw().toBuffer({ resolveWithObject: true });
    expect((await sharp(path.join(tmp, 'grey.PNG')).metadata()).channels).toBe(1);
    expect(Array.from(g.data.subarray(0, 4 * g.info.channels)).filter((_, i) => i % g.info.channels === 0)).toEqual([0, 100, 101, 255]);
    const rgba: ImageData8 = { width: 1, height: 2, channels: 4, data: Uint8Array.of(1, 2, 3, 4, 250, 251, 252, 253) };
    await writeImage(rgba, path.join(tmp, 'rgba.png'));
    const r = await sharp(path.join(tmp, 'rgba.png')).raw().toBuffer();
    expect(Array.from(r)).toEqual([1, 2, 3, 4, 250, 251, 252, 253]);
  });

  it('writes JPEG and WebP close to the source', async () => {
    const frame = await readImage(path.join(photos, 'ghostone_duo2.jpg'));
    for (const ext of ['jpg', 'jpeg', 'webp']) {
      const file = path.join(tmp, `duo2.${ext}`);
      await writeImage(frame, file, { quality: 92 });
      const back = await readImage(file);
      expect([back.width, back.height]).toEqual([frame.width, frame.height]);
      const mad = meanAbsDiff(back.data, frame.data);
      console.log(`${ext} q92 round trip: mean abs diff ${mad.toFixed(3)} levels, ${fs.statSync(file).size} bytes`);
      expect(mad).toBeLessThan(3);
    }
    expect((await sharp(path.join(tmp, 'duo2.webp')).metadata()).format).toBe('webp');
  });

  it('fails with EncoderError naming the path for a missing directory', async () => {
    const file = path.join(tmp, 'no/such/dir/out.png');
    const err = await writeImage({ width: 1, height: 1, channels: 3, data: new Uint8Array(3) }, file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(EncoderError);
    expect((err as EncoderError).output).toBe(file);
    expect((err as EncoderError).message).toContain(file);
    expect((err as EncoderError).detail!.length).toBeGreaterThan(0);
  });

  it('validates extension, quality and image', async () => {
    const img: ImageData8 = { width: 1, height: 1, channels: 3, data: new Uint8Array(3) };
    await expect(writeImage(img, path.join(tmp, 'x.bmp'))).rejects.toThrow(RangeError);
    await expect(writeImage(img, path.join(tmp, 'x.jpg'), { quality: 0 })).rejects.toThrow(RangeError);
    await expect(writeImage({ ...img, data: new Uint8Array(2) }, path.join(tmp, 'x.png'))).rejects.toThrow('Expected image buffer of 1x1x3');
  });
});
