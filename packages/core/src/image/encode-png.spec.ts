import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodePng } from './encode-png.js';
import type { ImageData8 } from '../tensor/image.js';

describe('encodePng', () => {
  it('encodes RGB losslessly with a PNG signature', async () => {
    const data = new Uint8Array(16 * 8 * 3);
    for (let i = 0; i < data.length; i++) data[i] = (i * 53) % 256;
    const png = await encodePng({ width: 16, height: 8, channels: 3, data });
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const { data: back, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([16, 8, 3]);
    expect(Buffer.from(data).equals(back)).toBe(true);
  });

  it('keeps grey as one band and RGBA alpha', async () => {
    const grey: ImageData8 = { width: 3, height: 1, channels: 1, data: Uint8Array.of(0, 128, 255) };
    const meta = await sharp(await encodePng(grey)).metadata();
    expect([meta.channels, meta.space]).toEqual([1, 'b-w']);
    const rgba: ImageData8 = { width: 1, height: 1, channels: 4, data: Uint8Array.of(9, 8, 7, 6) };
    expect(Array.from(await sharp(await encodePng(rgba, { compressionLevel: 0 })).raw().toBuffer())).toEqual([9, 8, 7, 6]);
  });

  it('validates the compression level', async () => {
    const img: ImageData8 = { width: 1, height: 1, channels: 3, data: new Uint8Array(3) };
    await expect(encodePng(img, { compressionLevel: 10 })).rejects.toThrow('Expected `compressionLevel` to be an integer in [0, 9], got `10` (number)');
  });
});
