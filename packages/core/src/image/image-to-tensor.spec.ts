import { describe, expect, it } from 'vitest';
import { ShapeMismatchError } from '../shared/errors.js';
import type { ImageData8 } from '../tensor/image.js';
import { imageToTensor } from './image-to-tensor.js';

/** 2x1 RGB: pixel 0 = (10, 20, 30), pixel 1 = (40, 50, 60). */
const rgb: ImageData8 = { width: 2, height: 1, channels: 3, data: Uint8Array.of(10, 20, 30, 40, 50, 60) };

function expectClose(actual: Float32Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, 5);
}

describe('imageToTensor', () => {
  it('lays RGB out as NCHW planes with default mean 0, std 1', () => {
    const t = imageToTensor(rgb);
    expect(t.type).toBe('float32');
    expect(t.dims).toEqual([1, 3, 1, 2]);
    expect(Array.from(t.data)).toEqual([10, 40, 20, 50, 30, 60]);
  });

  it('swaps planes for BGR', () => {
    expect(Array.from(imageToTensor(rgb, { channelOrder: 'BGR' }).data)).toEqual([30, 60, 20, 50, 10, 40]);
  });

  it('applies per-channel mean/std given in RGB order, also with BGR', () => {
    const opts = { mean: [1, 2, 3] as const, std: [2, 4, 8] as const };
    // R: (10-1)/2, (40-1)/2; G: (20-2)/4, (50-2)/4; B: (30-3)/8, (60-3)/8
    expectClose(imageToTensor(rgb, opts).data, [4.5, 19.5, 4.5, 12, 3.375, 7.125]);
    expectClose(imageToTensor(rgb, { ...opts, channelOrder: 'BGR' }).data, [3.375, 7.125, 4.5, 12, 4.5, 19.5]);
  });

  it('applies the UltraFace (x - 127) / 128 and GhostOne x / 127.5 - 1 presets', () => {
    const px: ImageData8 = { width: 3, height: 1, channels: 3, data: Uint8Array.of(0, 0, 0, 127, 127, 127, 255, 255, 255) };
    expectClose(imageToTensor(px, { mean: 127, std: 128 }).data.subarray(0, 3), [-127 / 128, 0, 1]);
    expectClose(imageToTensor(px, { mean: 127.5, std: 127.5 }).data.subarray(0, 3), [-1, -0.003921568, 1]);
  });

  it('reuses a preallocated out buffer across frames', () => {
    const out = new Float32Array(6).fill(Number.NaN);
    const a = imageToTensor(rgb, { out });
    expect(a.data).toBe(out);
    const other: ImageData8 = { width: 2, height: 1, channels: 3, data: Uint8Array.of(1, 2, 3, 4, 5, 6) };
    const b = imageToTensor(other, { out, mean: 1 });
    expect(b.data).toBe(out);
    expect(Array.from(out)).toEqual([0, 3, 1, 4, 2, 5]);
    expect(() => imageToTensor(rgb, { out: new Float32Array(5) })).toThrow('Expected `out` to have 6 elements, got 5');
  });

  it('ignores alpha of RGBA input', () => {
    const rgba: ImageData8 = { width: 2, height: 1, channels: 4, data: Uint8Array.of(10, 20, 30, 255, 40, 50, 60, 0) };
    expect(Array.from(imageToTensor(rgba).data)).toEqual([10, 40, 20, 50, 30, 60]);
  });

  it('rejects grey images and wrong buffer sizes', () => {
    expect(() => imageToTensor({ width: 1, height: 1, channels: 1, data: new Uint8Array(1) })).toThrow(ShapeMismatchError);
    expect(() => imageToTensor({ ...rgb, data: new Uint8Array(5) })).toThrow(ShapeMismatchError);
  });
});
