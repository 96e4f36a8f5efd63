import { describe, expect, it } from 'vitest';
import { ShapeMismatchError } from '../shared/errors.js';
import type { ImageData8 } from '../tensor/image.js';
import { resizeBilinear } from './resize-bilinear.js';

const grey2x2: ImageData8 = { width: 2, height: 2, channels: 1, data: Uint8Array.of(0, 100, 100, 200) };

describe('resizeBilinear', () => {
  it('upscales 2x2 -> 4x4 with half-pixel centres (hand-computed)', () => {
    // sample positions -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to the last pixel)
    const out = resizeBilinear(grey2x2, 4, 4);
    expect(out).toMatchObject({ width: 4, height: 4, channels: 1 });
    expect(Array.from(out.data)).toEqual([
      0, 25, 75, 100,
      25, 50, 100, 125,
      75, 100, 150, 175,
      100, 125, 175, 200,
    ]);
  });

  it('downscales 4x1 -> 2x1 by averaging neighbour pairs', () => {
    const row: ImageData8 = { width: 4, height: 1, channels: 1, data: Uint8Array.of(10, 20, 30, 41) };
    // positions 0.5 and 2.5 -> 15 and 35.5 (rounded half up to 36)
    expect(Array.from(resizeBilinear(row, 2, 1).data)).toEqual([15, 36]);
  });

  it('keeps RGB channels apart and is the identity at the same size', () => {
    const rgb: ImageData8 = { width: 2, height: 1, channels: 3, data: Uint8Array.of(0, 255, 10, 100, 55, 20) };
    expect(Array.from(resizeBilinear(rgb, 2, 1).data)).toEqual([0, 255, 10, 100, 55, 20]);
    // 2 -> 4 columns: weights at 0.25 -> 0.75/0.25
    expect(Array.from(resizeBilinear(rgb, 4, 1).data)).toEqual([0, 255, 10, 25, 205, 13, 75, 105, 18, 100, 55, 20]);
  });

  it('writes into out and validates sizes', () => {
    const out = new Uint8Array(16);
    expect(resizeBilinear(grey2x2, 4, 4, out).data).toBe(out);
    expect(out[15]).toBe(200);
    expect(() => resizeBilinear(grey2x2, 4, 4, new Uint8Array(15))).toThrow(RangeError);
    expect(() => resizeBilinear(grey2x2, 0, 4)).toThrow('Expected `width` to be an integer >= 1, got `0` (number)');
    expect(() => resizeBilinear({ ...grey2x2, data: new Uint8Array(3) }, 4, 4)).toThrow(ShapeMismatchError);
  });
});
