import { describe, expect, it } from 'vitest';
import type { ImageData8 } from '../tensor/image.js';
import { padImage } from './pad-image.js';

const row: ImageData8 = { width: 3, height: 1, channels: 1, data: Uint8Array.of(1, 2, 3) };

describe('padImage', () => {
  it('pads a 3x1 row with constant, edge and reflect fill', () => {
    const pad = { left: 2, right: 2 };
    expect(Array.from(padImage(row, pad).data)).toEqual([0, 0, 1, 2, 3, 0, 0]);
    expect(Array.from(padImage(row, pad, { value: 255 }).data)).toEqual([255, 255, 1, 2, 3, 255, 255]);
    expect(Array.from(padImage(row, pad, { mode: 'edge' }).data)).toEqual([1, 1, 1, 2, 3, 3, 3]);
    expect(Array.from(padImage(row, pad, { mode: 'reflect' }).data)).toEqual([3, 2, 1, 2, 3, 2, 1]);
  });

  it('keeps mirroring when the border is wider than the image', () => {
    expect(Array.from(padImage(row, { left: 5, right: 5 }, { mode: 'reflect' }).data)).toEqual([2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2]);
  });

  it('pads vertically with reflect and edge (3x1 column)', () => {
    const col: ImageData8 = { width: 1, height: 3, channels: 1, data: Uint8Array.of(1, 2, 3) };
    expect(Array.from(padImage(col, { top: 1, bottom: 2 }, { mode: 'reflect' }).data)).toEqual([2, 1, 2, 3, 2, 1]);
    expect(Array.from(padImage(col, { top: 1, bottom: 2 }, { mode: 'edge' }).data)).toEqual([1, 1, 2, 3, 3, 3]);
  });

  it('pads RGBA pixels as whole pixels', () => {
    const px: ImageData8 = { width: 1, height: 1, channels: 4, data: Uint8Array.of(1, 2, 3, 4) };
    const out = padImage(px, { right: 1, bottom: 1 }, { mode: 'edge' });
    expect(out).toMatchObject({ width: 2, height: 2, channels: 4 });
    expect(Array.from(out.data)).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4]);
  });

  it('reuses an out buffer and rejects bad padding', () => {
    const out = new Uint8Array(5);
    expect(padImage(row, { left: 1, right: 1 }, { out, mode: 'edge' }).data).toBe(out);
    expect(Array.from(out)).toEqual([1, 1, 2, 3, 3]);
    expect(() => padImage(row, { left: -1 })).toThrow('Expected `padding.left` to be an integer >= 0, got `-1` (number)');
    expect(() => padImage(row, { top: 1.5 })).toThrow(RangeError);
    expect(() => padImage(row, { top: 1 }, { mode: 'mirror' as never })).toThrow(RangeError);
  });
});
