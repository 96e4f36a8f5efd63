import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImageData8 } from './image.js';
import { readImage } from './read-image.js';
import { resizeBilinear } from './resize-bilinear.js';
import { resizeImage } from './resize-image.js';

const row2: ImageData8 = { width: 2, height: 1, channels: 1, data: Uint8Array.of(0, 100) };

describe('resizeImage', () => {
  it('bicubic 2x1 -> 4x1 matches Keys a=-0.75 by hand (overshoot kept, undershoot clamped)', () => {
    // positions -0.25, 0.25, 0.75, 1.25; e.g. at 0.25 the taps (0, 0, 100, 100) weigh
    // (-0.03515625, 0.87890625, 0.26171875, -0.10546875) -> 22.66; at 1.25 -> 110.55; at -0.25 -> -10.55
    const out = resizeImage(row2, 4, 1, { kernel: 'bicubic' });
    expect(Array.from(out.data)).toEqual([0, 23, 77, 111]);
  });

  it('bicubic 2x2 -> 4x4 is separable: corner values by hand', () => {
    const img: ImageData8 = { width: 2, height: 2, channels: 1, data: Uint8Array.of(0, 100, 100, 200) };
    const out = resizeImage(img, 4, 4, { kernel: 'bicubic' });
    // (x=1, y=0): rows weigh 1.10546875 / -0.10546875; row values 22.656 and 122.656 -> 12.11
    expect(out.data[1]).toBe(12);
    expect(out.data[15]).toBe(221); // 110.547 * 1.10546875 + 210.547 * ... -> 221.09
    expect(out.data[0]).toBe(0);
  });

  it('bicubic is the identity at the same size and keeps a flat image flat', () => {
    const data = new Uint8Array(5 * 4 * 3);
    for (let i = 0; i < data.length; i++) data[i] = (i * 37) % 256;
    const img: ImageData8 = { width: 5, height: 4, channels: 3, data };
    expect(Array.from(resizeImage(img, 5, 4, { kernel: 'bicubic' }).data)).toEqual(Array.from(data));
    const flat: ImageData8 = { width: 7, height: 3, channels: 4, data: new Uint8Array(7 * 3 * 4).fill(200) };
    const up = resizeImage(flat, 13, 8, { kernel: 'bicubic' });
    expect(up.data.every((v) => v === 200)).toBe(true);
  });

  it('nearest picks the source pixel whose centre is closest', () => {
    expect(Array.from(resizeImage(row2, 4, 1, { kernel: 'nearest' }).data)).toEqual([0, 0, 100, 100]);
    const row4: ImageData8 = { width: 4, height: 1, channels: 1, data: Uint8Array.of(1, 2, 3, 4) };
    expect(Array.from(resizeImage(row4, 2, 1, { kernel: 'nearest' }).data)).toEqual([2, 4]);
  });

  it("'bilinear' is resizeBilinear; out buffers are reused", async () => {
    const photo = await readImage(path.join(process.env.FACEPIPE_SHARED!, 'data/photos/fr_obama-480p.jpg'));
    const a = resizeImage(photo, 320, 240);
    const b = resizeBilinear(photo, 320, 240);
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true);
    const out = new Uint8Array(112 * 112 * 3);
    expect(resizeImage(photo, 112, 112, { kernel: 'bicubic', out }).data).toBe(out);
    // bicubic and bilinear agree closely on a smooth-ish downscale of a real photo
    const bil = resizeImage(photo, 112, 112);
    let sum = 0;
    for (let i = 0; i < out.length; i++) sum += Math.abs(out[i]! - bil.data[i]!);
    const mad = sum / out.length;
    console.log(`bicubic vs bilinear 853x480 -> 112x112: mean abs diff ${mad.toFixed(3)} levels`);
    expect(mad).toBeGreaterThan(0);
    expect(mad).toBeLessThan(6);
  });

  it('validates kernel, sizes and out', () => {
    expect(() => resizeImage(row2, 4, 1, { kernel: 'lanczos' as never })).toThrow('Expected `kernel` to be one of `bilinear`, `bicubic`, `nearest`');
    expect(() => resizeImage(row2, 4, 0)).toThrow(RangeError);
    expect(() => resizeImage(row2, 4, 1, { kernel: 'bicubic', out: new Uint8Array(3) })).toThrow(RangeError);
  });
});
