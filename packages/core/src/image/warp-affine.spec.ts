import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cropImage } from './crop-image.js';
import type { ImageData8 } from '../tensor/image.js';
import { readImage } from './read-image.js';
import { resizeBilinear } from './resize-bilinear.js';
import { resizeImage } from './resize-image.js';
import { warpAffine } from './warp-affine.js';

/** 3x2 grey image 1..6. */
const img: ImageData8 = { width: 3, height: 2, channels: 1, data: Uint8Array.of(1, 2, 3, 4, 5, 6) };

describe('warpAffine', () => {
  it('translates by whole pixels, filling the uncovered column', () => {
    const out = warpAffine(img, [1, 0, 1, 0, 1, 0], 3, 2, { value: 9 });
    expect(Array.from(out.data)).toEqual([9, 1, 2, 9, 4, 5]);
    const edge = warpAffine(img, [1, 0, 1, 0, 1, 0], 3, 2, { fill: 'edge' });
    expect(Array.from(edge.data)).toEqual([1, 1, 2, 4, 4, 5]);
  });

  it('a 90 degree rotation is an exact permutation (bilinear and bicubic)', () => {
    // clockwise: (x, y) -> (H - 1 - y, x); 3x2 -> 2x3
    const m = [0, -1, img.height - 1, 1, 0, 0];
    const expected = [4, 1, 5, 2, 6, 3];
    expect(Array.from(warpAffine(img, m, 2, 3).data)).toEqual(expected);
    expect(Array.from(warpAffine(img, m, 2, 3, { interpolation: 'bicubic' }).data)).toEqual(expected);
  });

  it('rotates RGB pixels 180 degrees', () => {
    const rgb: ImageData8 = { width: 2, height: 1, channels: 3, data: Uint8Array.of(1, 2, 3, 4, 5, 6) };
    expect(Array.from(warpAffine(rgb, [-1, 0, 1, 0, -1, 0], 2, 1).data)).toEqual([4, 5, 6, 1, 2, 3]);
  });

  it('blends the constant border per tap at sub-pixel shifts', () => {
    const row: ImageData8 = { width: 2, height: 1, channels: 1, data: Uint8Array.of(0, 100) };
    // shift right by 0.5: dst(0) samples src(-0.5) = 0.5 * fill + 0.5 * 0, dst(1) samples src(0.5) = 50
    expect(Array.from(warpAffine(row, [1, 0, 0.5, 0, 1, 0], 2, 1, { value: 200 }).data)).toEqual([100, 50]);
    expect(Array.from(warpAffine(row, [1, 0, 0.5, 0, 1, 0], 2, 1, { fill: 'edge' }).data)).toEqual([0, 50]);
    expect(Array.from(warpAffine(row, [1, 0, -0.5, 0, 1, 0], 2, 1, { fill: 'reflect' }).data)).toEqual([50, 50]);
  });

  it('a 2x scale about pixel centres with edge fill equals resizeBilinear on a real photo crop', async () => {
    const photo = await readImage(path.join(process.env.FACEPIPE_SHARED!, 'data/photos/fr_obama-480p.jpg'));
    const crop = cropImage(photo, { x: 380, y: 100, width: 64, height: 48 });
    const warped = warpAffine(crop, [2, 0, 0.5, 0, 2, 0.5], 128, 96, { fill: 'edge' });
    const resized = resizeBilinear(crop, 128, 96);
    let maxDiff = 0;
    for (let i = 0; i < warped.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(warped.data[i]! - resized.data[i]!));
    expect(maxDiff).toBe(0);
  });

  it('bicubic 2x scale with edge fill matches resizeImage bicubic (to float rounding) on a real photo crop', async () => {
    const photo = await readImage(path.join(process.env.FACEPIPE_SHARED!, 'data/photos/fr_obama-480p.jpg'));
    const crop = cropImage(photo, { x: 380, y: 100, width: 64, height: 48 });
    const warped = warpAffine(crop, [2, 0, 0.5, 0, 2, 0.5], 128, 96, { fill: 'edge', interpolation: 'bicubic' });
    const resized = resizeImage(crop, 128, 96, { kernel: 'bicubic' });
    let maxDiff = 0;
    let differing = 0;
    for (let i = 0; i < warped.data.length; i++) {
      const diff = Math.abs(warped.data[i]! - resized.data[i]!);
      maxDiff = Math.max(maxDiff, diff);
      if (diff) differing++;
    }
    expect(maxDiff).toBeLessThanOrEqual(1);
    expect(differing / warped.data.length).toBeLessThan(0.01);
    // identity keeps every pixel (interior fast path and border path)
    expect(Buffer.from(warpAffine(crop, [1, 0, 0, 0, 1, 0], 64, 48, { interpolation: 'bicubic' }).data).equals(Buffer.from(crop.data))).toBe(true);
  });

  it('writes into out and validates its arguments', () => {
    const out = new Uint8Array(6);
    expect(warpAffine(img, [1, 0, 0, 0, 1, 0], 3, 2, { out }).data).toBe(out);
    expect(Array.from(out)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => warpAffine(img, [1, 2, 0, 2, 4, 0], 3, 2)).toThrow(RangeError);
    expect(() => warpAffine(img, [1, 0, 0, 0, 1], 3, 2)).toThrow(TypeError);
    expect(() => warpAffine(img, [1, 0, 0, 0, 1, 0], 3, 2, { interpolation: 'nearest' as never })).toThrow(RangeError);
    expect(() => warpAffine(img, [1, 0, 0, 0, 1, 0], 3, 2, { out: new Uint8Array(5) })).toThrow(RangeError);
  });
});
