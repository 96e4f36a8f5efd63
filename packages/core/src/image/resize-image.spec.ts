import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImageData8 } from '../tensor/image.js';
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

  it('bicubic equals a direct (non-separable) evaluation of the Keys formula, up and down', () => {
    const keys = (d: number) => {
      const x = Math.abs(d);
      return x <= 1 ? 1.25 * x ** 3 - 2.25 * x ** 2 + 1 : x < 2 ? -0.75 * x ** 3 + 3.75 * x ** 2 - 6 * x + 3 : 0;
    };
    const sw = 37, sh = 23, c = 3;
    const data = new Uint8Array(sw * sh * c);
    let seed = 7;
    for (let i = 0; i < data.length; i++) data[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    const src: ImageData8 = { width: sw, height: sh, channels: c, data };
    for (const [w, h] of [[11, 17], [80, 5], [9, 46]] as const) {
      const out = resizeImage(src, w, h, { kernel: 'bicubic' }).data;
      let maxDiff = 0;
      for (let y = 0; y < h; y++) {
        const fy = ((y + 0.5) * sh) / h - 0.5, y0 = Math.floor(fy);
        for (let x = 0; x < w; x++) {
          const fx = ((x + 0.5) * sw) / w - 0.5, x0 = Math.floor(fx);
          for (let k = 0; k < c; k++) {
            let v = 0;
            for (let j = -1; j <= 2; j++) {
              const sy = Math.min(sh - 1, Math.max(0, y0 + j));
              for (let i = -1; i <= 2; i++) {
                const sx = Math.min(sw - 1, Math.max(0, x0 + i));
                v += data[(sy * sw + sx) * c + k]! * keys(fx - (x0 + i)) * keys(fy - (y0 + j));
              }
            }
            const ref = Math.min(255, Math.max(0, Math.round(v)));
            maxDiff = Math.max(maxDiff, Math.abs(out[(y * w + x) * c + k]! - ref));
          }
        }
      }
      expect(maxDiff, `${sw}x${sh} -> ${w}x${h}`).toBeLessThanOrEqual(1);
    }
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
