import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImageData8 } from '../tensor/image.js';
import { readImage } from './read-image.js';
import { resizeImage } from './resize-image.js';
import { resizeWithSharp } from './resize-with-sharp.js';

function meanAbsDiff(a: Uint8Array, b: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / a.length;
}

describe('resizeWithSharp', () => {
  it('downscales a real photo close to the JS bilinear kernel', async () => {
    const photo = await readImage(path.join(process.env.FACEPIPE_SHARED!, 'data/photos/fr_obama-480p.jpg'));
    const viaSharp = await resizeWithSharp(photo, 320, 240);
    expect(viaSharp).toMatchObject({ width: 320, height: 240, channels: 3 });
    expect(viaSharp.data.length).toBe(320 * 240 * 3);
    const viaJs = resizeImage(photo, 320, 240);
    const mad = meanAbsDiff(viaSharp.data, viaJs.data);
    const cubic = await resizeWithSharp(photo, 320, 240, { kernel: 'bicubic' });
    const madCubic = meanAbsDiff(cubic.data, resizeImage(photo, 320, 240, { kernel: 'bicubic' }).data);
    console.log(`853x480 -> 320x240, sharp vs JS: linear ${mad.toFixed(3)}, cubic ${madCubic.toFixed(3)} mean abs diff (levels)`);
    expect(mad).toBeGreaterThan(0); // libvips antialiases, the JS kernel does not
    expect(mad).toBeLessThan(4);
    expect(madCubic).toBeLessThan(4);
  });

  it('keeps 1 and 4 channels and flat images flat', async () => {
    const grey: ImageData8 = { width: 6, height: 4, channels: 1, data: new Uint8Array(24).fill(77) };
    const g = await resizeWithSharp(grey, 3, 2, { kernel: 'lanczos3' });
    expect(g).toMatchObject({ width: 3, height: 2, channels: 1 });
    expect(Array.from(g.data)).toEqual([77, 77, 77, 77, 77, 77]);
    const rgba: ImageData8 = { width: 4, height: 4, channels: 4, data: new Uint8Array(64).fill(255) };
    const r = await resizeWithSharp(rgba, 2, 2, { kernel: 'nearest' });
    expect(r.channels).toBe(4);
    expect(Array.from(r.data).every((v) => v === 255)).toBe(true);
  });

  it('validates sizes and kernel', async () => {
    const img: ImageData8 = { width: 1, height: 1, channels: 3, data: new Uint8Array(3) };
    await expect(resizeWithSharp(img, 0, 1)).rejects.toThrow(RangeError);
    await expect(resizeWithSharp(img, 1, 1, { kernel: 'box' as never })).rejects.toThrow('Expected `kernel` to be one of');
  });
});
