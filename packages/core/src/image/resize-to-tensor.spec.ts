import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelRegistry } from '../models/model-registry.js';
import type { ImageData8 } from '../tensor/image.js';
import { cropImage } from './crop-image.js';
import { imageToTensor } from './image-to-tensor.js';
import { padImage } from './pad-image.js';
import { prepareInput } from './prepare-input.js';
import { readImage } from './read-image.js';
import { resizeBilinear } from './resize-bilinear.js';
import { resizeToTensor, type ResizeToTensorScratch } from './resize-to-tensor.js';

const shared = process.env.FACEPIPE_SHARED!;
let photo: ImageData8;
beforeAll(async () => {
  photo = await readImage(path.join(shared, 'data/photos/fr_two_people.jpg'));
});

const maxAbsDiff = (a: Float32Array, b: Float32Array): number => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

/** Straightforward box average (a box of 0.85 x the scale centred on each output, partial pixels by coverage), raw 0..255 RGB planes. */
function naiveArea(src: ImageData8, W: number, H: number): Float32Array {
  const out = new Float32Array(3 * W * H);
  const sx = src.width / W, sy = src.height / H;
  const bx = Math.max(1, 0.85 * sx), by = Math.max(1, 0.85 * sy);
  for (let y = 0; y < H; y++) {
    const ylo = (y + 0.5) * sy - by / 2, yhi = ylo + by;
    for (let x = 0; x < W; x++) {
      const xlo = (x + 0.5) * sx - bx / 2, xhi = xlo + bx;
      const acc = [0, 0, 0];
      for (let j = Math.floor(ylo); j < Math.ceil(yhi); j++) {
        const wy = Math.min(yhi, j + 1) - Math.max(ylo, j);
        for (let i = Math.floor(xlo); i < Math.ceil(xhi); i++) {
          const w = (wy * (Math.min(xhi, i + 1) - Math.max(xlo, i))) / (bx * by);
          for (let k = 0; k < 3; k++) acc[k]! += src.data[(j * src.width + i) * src.channels + k]! * w;
        }
      }
      for (let k = 0; k < 3; k++) out[k * W * H + y * W + x] = acc[k]!;
    }
  }
  return out;
}

describe('resizeToTensor', () => {
  it('at the same size is the plain normalised layout (bit-identical to imageToTensor), BGR and RGBA included', () => {
    const small = resizeBilinear(photo, 64, 48);
    const norm = { mean: [127, 110, 100] as [number, number, number], std: [128, 64, 32] as [number, number, number], channelOrder: 'BGR' as const };
    expect(Array.from(resizeToTensor(small, { width: 64, height: 48, ...norm }).data)).toEqual(Array.from(imageToTensor(small, norm).data));
    const rgba = { width: 64, height: 48, channels: 4 as const, data: new Uint8Array(64 * 48 * 4) };
    for (let p = 0; p < 64 * 48; p++) rgba.data.set([small.data[3 * p]!, small.data[3 * p + 1]!, small.data[3 * p + 2]!, 9], 4 * p);
    expect(Array.from(resizeToTensor(rgba, { width: 64, height: 48 }).data)).toEqual(Array.from(imageToTensor(small).data));
  });

  it('shrinks by the box average, for integer and fractional factors, on a real photo', () => {
    for (const [W, H] of [[320, 240], [211, 97], [17, 13]] as const) {
      const got = resizeToTensor(photo, { width: W, height: H });
      expect(got.dims).toEqual([1, 3, H, W]);
      expect(maxAbsDiff(got.data, naiveArea(photo, W, H)), `${W}x${H}`).toBeLessThan(2e-3);
    }
  });

  it('antialiases: thin lines shrunk 4x keep their share of the light, where bilinear drops them', () => {
    const n = 64;
    const lines = { width: n, height: n, channels: 3 as const, data: new Uint8Array(n * n * 3) };
    // a 1-pixel white line every 4 columns (the kind of detail that vanishes from a 6x-shrunk frame)
    for (let y = 0; y < n; y++) for (let x = 3; x < n; x += 4) lines.data.fill(255, (y * n + x) * 3, (y * n + x) * 3 + 3);
    const area = resizeToTensor(lines, { width: 16, height: 16 }).data;
    // each output's box (3.4 px of the 4) holds 0.7 px of a line: every output the same grey
    for (const v of area) expect(v).toBeCloseTo((255 * 0.7) / 3.4, 3);
    const bil = imageToTensor(resizeBilinear(lines, 16, 16)).data;
    expect(Math.max(...bil)).toBe(0);
  });

  it('enlarges bilinearly (half-pixel centres): within rounding of resizeBilinear', () => {
    const tiny = resizeBilinear(photo, 40, 30);
    const got = resizeToTensor(tiny, { width: 112, height: 100 });
    expect(maxAbsDiff(got.data, imageToTensor(resizeBilinear(tiny, 112, 100)).data)).toBeLessThanOrEqual(0.5 + 1e-3);
  });

  it('a region leaving the image equals cropping (black outside) then resizing, without the crop copy', () => {
    const region = { x: -40, y: 30, width: 300, height: 300 };
    const norm = { mean: [127.5, 127.5, 127.5] as [number, number, number], std: [127.5, 127.5, 127.5] as [number, number, number] };
    const got = resizeToTensor(photo, { width: 112, height: 112, region, ...norm });
    const ref = resizeToTensor(cropImage(photo, region), { width: 112, height: 112, ...norm });
    expect(maxAbsDiff(got.data, ref.data)).toBeLessThan(1e-5);
    expect(got.data[0]).toBeCloseTo(-1, 5); // top-left is outside the image: black
    for (const padding of ['edge', 'reflect'] as const) {
      const g = resizeToTensor(photo, { width: 64, height: 64, region, padding });
      expect(maxAbsDiff(g.data, resizeToTensor(cropImage(photo, region, { fill: padding }), { width: 64, height: 64 }).data), padding).toBeLessThan(1e-3);
    }
  });

  it('pads to a domain (pad-to-multiple) and letterboxes content, with constant and edge fills', () => {
    const region = { x: 10, y: 20, width: 150, height: 100 };
    const padded = padImage(cropImage(photo, region), { right: 10, bottom: 28 }, { mode: 'edge' });
    const got = resizeToTensor(photo, { width: 80, height: 64, region, domainWidth: 160, domainHeight: 128, padding: 'edge' });
    expect(maxAbsDiff(got.data, resizeToTensor(padded, { width: 80, height: 64 }).data)).toBeLessThan(1e-3);

    const lb = resizeToTensor(photo, { width: 64, height: 64, contentWidth: 64, contentHeight: 40, padValue: 114, mean: [14, 14, 14] });
    const hw = 64 * 64;
    for (let p = 0; p < 3; p++) for (let i = 40 * 64; i < hw; i++) expect(lb.data[p * hw + i]).toBe(100);
    expect(maxAbsDiff(lb.data.subarray(0, 40 * 64), resizeToTensor(photo, { width: 64, height: 40, mean: [14, 14, 14] }).data.subarray(0, 40 * 64))).toBe(0);
    const edge = resizeToTensor(photo, { width: 64, height: 64, contentWidth: 50, contentHeight: 40, padding: 'edge' }).data;
    expect(edge[63 * 64 + 63]).toBe(edge[39 * 64 + 49]);
  });

  it('a same-size region inside the image is an exact gather (the crop, normalised)', () => {
    const region = { x: 33, y: 17, width: 50, height: 40 };
    const got = resizeToTensor(photo, { width: 50, height: 40, region, std: [2, 2, 2] });
    expect(Array.from(got.data)).toEqual(Array.from(imageToTensor(cropImage(photo, region), { std: 2 }).data));
    // half outside: the black part is the fill, the rest the pixels
    const edge = resizeToTensor(photo, { width: 50, height: 40, region: { x: -25, y: 0, width: 50, height: 40 } });
    expect(Array.from(edge.data)).toEqual(Array.from(imageToTensor(cropImage(photo, { x: -25, y: 0, width: 50, height: 40 })).data));
  });

  it('writes into a pooled out and reuses its scratch (no new work buffers once warm)', () => {
    const out = new Float32Array(3 * 320 * 240);
    const scratch: ResizeToTensorScratch = {};
    resizeToTensor(photo, { width: 320, height: 240, out, scratch });
    const { acc, x, y } = scratch;
    const again = resizeToTensor(photo, { width: 320, height: 240, out, scratch });
    expect(again.data).toBe(out);
    expect(scratch.acc).toBe(acc);
    expect(scratch.x).toBe(x);
    expect(scratch.y).toBe(y);
    expect(scratch.x!.index).toBe(x!.index);
    expect(scratch.words).toBeDefined(); // the word view of the photo's buffer, kept while the same buffer comes again
    const words = scratch.words;
    resizeToTensor(photo, { width: 320, height: 240, out, scratch });
    expect(scratch.words).toBe(words);
  });

  it('reads word-aligned rows 4 bytes per load: bit-identical to the byte loop (a copy of the image at an odd byte offset), shrinking, enlarging, regions, RGBA', () => {
    const rgba: ImageData8 = { width: photo.width, height: photo.height, channels: 4, data: new Uint8Array(photo.width * photo.height * 4) };
    for (let i = 0, j = 0; i < photo.data.length; i += 3, j += 4) rgba.data.set([photo.data[i]!, photo.data[i + 1]!, photo.data[i + 2]!, 255], j);
    const misaligned = (im: ImageData8): ImageData8 => {
      const bytes = new Uint8Array(im.data.length + 1).subarray(1); // byteOffset 1: no word view, the byte loop throughout
      bytes.set(im.data);
      return { ...im, data: bytes };
    };
    const even = cropImage(photo, { x: 0, y: 0, width: 1124, height: 661 }); // 3372-byte rows: every row starts on a word
    const cases: [ImageData8, Parameters<typeof resizeToTensor>[1]][] = [
      [even, { width: 320, height: 240, mean: [127, 127, 127], std: [128, 128, 128] }],
      [even, { width: 97, height: 61 }],
      [even, { width: 112, height: 112, region: { x: 400, y: 37, width: 333, height: 301 } }], // lo = 1200 bytes: aligned
      [even, { width: 300, height: 300, region: { x: 8, y: 100, width: 80, height: 90 }, enlarge: 'bicubic', mean: [0.5, 0.5, 0.5] }],
      [photo, { width: 320, height: 240, mean: [127, 127, 127], std: [128, 128, 128] }], // 3378-byte rows: every other row aligned
      [photo, { width: 97, height: 61 }], // fractional factors, many taps per sweep
      [photo, { width: 112, height: 112, region: { x: 101, y: 37, width: 333, height: 301 }, channelOrder: 'BGR' }], // rows start off word boundaries
      [photo, { width: 112, height: 112, region: { x: -20, y: 400, width: 90, height: 70 }, enlarge: 'bicubic', mean: [0.5, 0.5, 0.5] }],
      [rgba, { width: 160, height: 120 }],
      [rgba, { width: 256, height: 256, region: { x: 3, y: 5, width: 600, height: 700 }, padding: 'edge', contentWidth: 200 }],
    ];
    for (const [im, opts] of cases) {
      const words = resizeToTensor(im, opts).data;
      const bytes = resizeToTensor(misaligned(im), opts).data;
      expect(words.length).toBe(bytes.length);
      const first = words.findIndex((v, i) => !Object.is(v, bytes[i])); // Object.is: -0 and 0 differ too
      expect(first === -1 ? 'identical' : `differ at ${first}: ${words[first]} vs ${bytes[first]}`, JSON.stringify(opts)).toBe('identical');
    }
  });

  it("is prepareInput's default ('area') path", () => {
    const spec = modelRegistry.get('ultraface-rfb-320')!.input;
    const got = prepareInput(photo, spec);
    expect(got.image).toBeUndefined();
    expect(Array.from(got.tensor.data)).toEqual(Array.from(resizeToTensor(photo, { width: 320, height: 240, mean: spec.mean, std: spec.std, channelOrder: spec.channelOrder }).data));
  });

  it('rejects bad input with a message naming it', () => {
    expect(() => resizeToTensor(photo, { width: 0, height: 10 })).toThrow(/`width`/);
    expect(() => resizeToTensor(photo, { width: 10, height: 10, region: { x: 0, y: 0, width: 5, height: 5 }, domainWidth: 4 })).toThrow(/`domainWidth`/);
    expect(() => resizeToTensor(photo, { width: 10, height: 10, contentWidth: 11 })).toThrow(/`contentWidth`/);
    expect(() => resizeToTensor(photo, { width: 10, height: 10, std: [1, 0, 1] })).toThrow(/`std`/);
    expect(() => resizeToTensor(photo, { width: 10, height: 10, out: new Float32Array(5) })).toThrow(/`out`/);
    expect(() => resizeToTensor({ width: 2, height: 2, channels: 1, data: new Uint8Array(4) }, { width: 1, height: 1 })).toThrow(/3 \(RGB\) or 4/);
  });
});
