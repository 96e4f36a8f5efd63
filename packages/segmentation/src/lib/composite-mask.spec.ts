import { describe, expect, it } from 'vitest';
import { ShapeMismatchError } from '@facepipe/core';
import { compositeMask } from './composite-mask.js';

const img = (w: number, h: number, rgb: [number, number, number]) => {
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) data.set(rgb, i * 3);
  return { width: w, height: h, channels: 3 as const, data };
};

describe('compositeMask', () => {
  it('blends per pixel: a=255 keeps the foreground, a=0 the background, a=128 about half', () => {
    const fg = img(3, 1, [200, 100, 0]);
    const mask = { width: 3, height: 1, data: new Uint8Array([255, 0, 128]), coverage: 2 / 3 };
    const out = compositeMask(fg, [0, 50, 250], mask).data;
    expect([...out.subarray(0, 3)]).toEqual([200, 100, 0]);
    expect([...out.subarray(3, 6)]).toEqual([0, 50, 250]);
    expect([...out.subarray(6, 9)]).toEqual([100, 75, 125]);
    const out2 = compositeMask(fg, img(3, 1, [0, 50, 250]), mask).data;
    expect([...out2]).toEqual([...out]);
  });

  it('throws ShapeMismatchError for a mask/frame or background/frame size mismatch and non-RGB images', () => {
    const fg = img(4, 2, [1, 2, 3]);
    const mask = { width: 2, height: 4, data: new Uint8Array(8), coverage: 0 };
    expect(() => compositeMask(fg, [0, 0, 0], mask)).toThrow(ShapeMismatchError);
    expect(() => compositeMask(fg, [0, 0, 0], mask)).toThrow(/Expected mask size to be 4x2/);
    const okMask = { width: 4, height: 2, data: new Uint8Array(8), coverage: 0 };
    expect(() => compositeMask(fg, img(2, 4, [0, 0, 0]), okMask)).toThrow(ShapeMismatchError);
    const gray = { width: 4, height: 2, channels: 1 as const, data: new Uint8Array(8) };
    expect(() => compositeMask(gray, [0, 0, 0], okMask)).toThrow(/channels to be 3/);
  });
});
