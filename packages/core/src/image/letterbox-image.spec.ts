import { describe, expect, it } from 'vitest';
import type { ImageData8 } from '../tensor/image.js';
import { letterboxImage } from './letterbox-image.js';

describe('letterboxImage', () => {
  it('puts unscaled content top-left and pads right/bottom', () => {
    const img: ImageData8 = { width: 2, height: 1, channels: 1, data: Uint8Array.of(10, 20) };
    const res = letterboxImage(img, 2, 2, { value: 7 });
    expect([res.scale, res.contentWidth, res.contentHeight]).toEqual([1, 2, 1]);
    expect(Array.from(res.image.data)).toEqual([10, 20, 7, 7]);
    expect(Array.from(letterboxImage(img, 2, 3, { mode: 'edge' }).image.data)).toEqual([10, 20, 10, 20, 10, 20]);
  });

  it('scales down by min(width/w, height/h)', () => {
    const img: ImageData8 = { width: 8, height: 4, channels: 3, data: new Uint8Array(8 * 4 * 3).fill(50) };
    const res = letterboxImage(img, 4, 4);
    expect([res.scale, res.contentWidth, res.contentHeight]).toEqual([0.5, 4, 2]);
    expect(res.image).toMatchObject({ width: 4, height: 4, channels: 3 });
    expect(Array.from(res.image.data.subarray(0, 24)).every((v) => v === 50)).toBe(true);
    expect(Array.from(res.image.data.subarray(24)).every((v) => v === 0)).toBe(true);
  });

  it('computes the 1280x720 -> 640x640 geometry', () => {
    const img: ImageData8 = { width: 1280, height: 720, channels: 3, data: new Uint8Array(1280 * 720 * 3).fill(1) };
    const res = letterboxImage(img, 640, 640, { resize: 'bicubic' });
    expect([res.scale, res.contentWidth, res.contentHeight]).toEqual([0.5, 640, 360]);
    expect(res.image.data[(359 * 640 + 639) * 3]).toBe(1);
    expect(res.image.data[360 * 640 * 3]).toBe(0);
  });

  it('returns the source unchanged when it already has the target size', () => {
    const img: ImageData8 = { width: 3, height: 2, channels: 1, data: new Uint8Array(6) };
    expect(letterboxImage(img, 3, 2).image).toBe(img);
    expect(() => letterboxImage(img, 3, 2, { resize: 'nearest' as never })).toThrow(RangeError);
  });
});
