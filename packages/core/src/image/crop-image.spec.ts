import { describe, expect, it } from 'vitest';
import { borderIndex, cropImage } from './crop-image.js';
import { ShapeMismatchError } from '../shared/errors.js';
import type { ImageData8 } from '../tensor/image.js';

/** 3x3 grey image 1..9, row-major. */
const grey3: ImageData8 = { width: 3, height: 3, channels: 1, data: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9) };
/** 2x2 RGB image, pixel p has channels (10p, 10p+1, 10p+2). */
const rgb2: ImageData8 = { width: 2, height: 2, channels: 3, data: Uint8Array.of(0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32) };

describe('borderIndex', () => {
  it('maps outside coordinates for edge and reflect (edge pixel not repeated)', () => {
    const n = 3;
    const at = (mode: 'edge' | 'reflect' | 'constant') => [-4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6].map((i) => borderIndex(i, n, mode));
    expect(at('edge')).toEqual([0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2]);
    expect(at('reflect')).toEqual([0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2]);
    expect(at('constant')).toEqual([-1, -1, -1, -1, 0, 1, 2, -1, -1, -1, -1]);
    expect(borderIndex(-5, 1, 'reflect')).toBe(0);
  });
});

describe('cropImage', () => {
  it('copies an inside rect exactly', () => {
    const out = cropImage(grey3, { x: 1, y: 1, width: 2, height: 2 });
    expect(out).toMatchObject({ width: 2, height: 2, channels: 1 });
    expect(Array.from(out.data)).toEqual([5, 6, 8, 9]);
  });

  it('fills a rect partially outside with a constant', () => {
    const out = cropImage(grey3, { x: -1, y: 2, width: 3, height: 2 }, { value: 99 });
    expect(Array.from(out.data)).toEqual([99, 7, 8, 99, 99, 99]);
  });

  it('fills a rect partially outside with the edge pixels', () => {
    // columns -1..1, rows 2..3: edge replicates column 0 and row 2
    const out = cropImage(grey3, { x: -1, y: 2, width: 3, height: 2 }, { fill: 'edge' });
    expect(Array.from(out.data)).toEqual([7, 7, 8, 7, 7, 8]);
  });

  it('mirrors a rect outside on every side with reflect', () => {
    const out = cropImage(grey3, { x: -1, y: -1, width: 5, height: 5 }, { fill: 'reflect' });
    expect(Array.from(out.data)).toEqual([
      5, 4, 5, 6, 5,
      2, 1, 2, 3, 2,
      5, 4, 5, 6, 5,
      8, 7, 8, 9, 8,
      5, 4, 5, 6, 5,
    ]);
  });

  it('handles RGB pixels and a per-channel constant', () => {
    const out = cropImage(rgb2, { x: 1, y: -1, width: 2, height: 2 }, { value: [7, 8, 9] });
    expect(Array.from(out.data)).toEqual([7, 8, 9, 7, 8, 9, 10, 11, 12, 7, 8, 9]);
    const edge = cropImage(rgb2, { x: 1, y: -1, width: 2, height: 2 }, { fill: 'edge' });
    expect(Array.from(edge.data)).toEqual([10, 11, 12, 10, 11, 12, 10, 11, 12, 10, 11, 12]);
  });

  it('handles a rect entirely outside the image', () => {
    expect(Array.from(cropImage(grey3, { x: 10, y: 10, width: 2, height: 1 }).data)).toEqual([0, 0]);
    expect(Array.from(cropImage(grey3, { x: 10, y: -10, width: 2, height: 1 }, { fill: 'edge' }).data)).toEqual([3, 3]);
  });

  it('rounds the rect to whole pixels', () => {
    const out = cropImage(grey3, { x: 0.6, y: 0.4, width: 1.5, height: 0.6 });
    expect(out).toMatchObject({ width: 2, height: 1 });
    expect(Array.from(out.data)).toEqual([2, 3]);
  });

  it('writes into a preallocated out buffer', () => {
    const out = new Uint8Array(4).fill(42);
    const res = cropImage(grey3, { x: 0, y: 0, width: 2, height: 2 }, { out });
    expect(res.data).toBe(out);
    expect(Array.from(out)).toEqual([1, 2, 4, 5]);
    expect(() => cropImage(grey3, { x: 0, y: 0, width: 2, height: 2 }, { out: new Uint8Array(5) })).toThrow(RangeError);
  });

  it('validates its arguments', () => {
    expect(() => cropImage(grey3, { x: 0, y: 0, width: 0.2, height: 1 })).toThrow(RangeError);
    expect(() => cropImage(grey3, { x: Number.NaN, y: 0, width: 1, height: 1 })).toThrow('Expected `rect.x` to be a finite number');
    expect(() => cropImage(grey3, { x: 0, y: 0, width: 1, height: 1 }, { fill: 'wrap' as never })).toThrow(RangeError);
    expect(() => cropImage({ ...grey3, data: new Uint8Array(8) }, { x: 0, y: 0, width: 1, height: 1 })).toThrow(ShapeMismatchError);
    expect(() => cropImage({ ...grey3, channels: 2 as never }, { x: 0, y: 0, width: 1, height: 1 })).toThrow(RangeError);
  });
});
