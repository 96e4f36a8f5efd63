import { describe, expect, it } from 'vitest';
import type { ImageData8 } from '../tensor/image.js';
import { padToMultiple } from './pad-to-multiple.js';

describe('padToMultiple', () => {
  it('pads right and bottom up to the next multiple', () => {
    const img: ImageData8 = { width: 3, height: 2, channels: 1, data: Uint8Array.of(1, 2, 3, 4, 5, 6) };
    const { image, right, bottom } = padToMultiple(img, 4);
    expect([image.width, image.height, right, bottom]).toEqual([4, 4, 1, 2]);
    expect(Array.from(image.data)).toEqual([1, 2, 3, 0, 4, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const edge = padToMultiple(img, 4, { mode: 'edge' }).image;
    expect(Array.from(edge.data)).toEqual([1, 2, 3, 3, 4, 5, 6, 6, 4, 5, 6, 6, 4, 5, 6, 6]);
  });

  it('returns the source itself when already a multiple', () => {
    const img: ImageData8 = { width: 64, height: 32, channels: 3, data: new Uint8Array(64 * 32 * 3) };
    const res = padToMultiple(img, 32);
    expect(res.image).toBe(img);
    expect([res.right, res.bottom]).toEqual([0, 0]);
  });

  it('computes 1280x720 -> 1280x736 for multiple 32', () => {
    const img: ImageData8 = { width: 1280, height: 720, channels: 3, data: new Uint8Array(1280 * 720 * 3).fill(9) };
    const res = padToMultiple(img, 32, { value: 0 });
    expect([res.image.width, res.image.height, res.right, res.bottom]).toEqual([1280, 736, 0, 16]);
    expect(res.image.data[719 * 1280 * 3]).toBe(9);
    expect(res.image.data[720 * 1280 * 3]).toBe(0);
  });

  it('validates multiple', () => {
    const img: ImageData8 = { width: 1, height: 1, channels: 1, data: new Uint8Array(1) };
    expect(() => padToMultiple(img, 0)).toThrow(RangeError);
    expect(() => padToMultiple(img, 2.5)).toThrow(RangeError);
  });
});
