import { describe, expect, it } from 'vitest';
import { boxBlur } from './box-blur.js';

function naive(src: Uint8Array, w: number, h: number, c: number, r: number): Uint8Array {
  // direct 2-D mean with replicated edges, rounded once per separable pass like the kernel
  const tmp = new Uint8Array(src.length);
  const out = new Uint8Array(src.length);
  const cl = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) {
    let s = 0;
    for (let d = -r; d <= r; d++) s += src[(y * w + cl(x + d, w)) * c + k]!;
    tmp[(y * w + x) * c + k] = Math.round(s / (2 * r + 1));
  }
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) {
    let s = 0;
    for (let d = -r; d <= r; d++) s += tmp[(cl(y + d, h) * w + x) * c + k]!;
    out[(y * w + x) * c + k] = Math.round(s / (2 * r + 1));
  }
  return out;
}

describe('boxBlur', () => {
  it('matches a direct separable mean with replicated edges (1 and 3 channels)', () => {
    for (const c of [1, 3] as const) {
      const w = 23, h = 17;
      const data = new Uint8Array(w * h * c);
      let seed = 7;
      for (let i = 0; i < data.length; i++) data[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
      for (const r of [1, 3, 9, 30]) {
        const got = boxBlur({ width: w, height: h, channels: c, data }, r).data;
        const want = naive(data, w, h, c, r);
        let maxDiff = 0;
        for (let i = 0; i < got.length; i++) maxDiff = Math.max(maxDiff, Math.abs(got[i]! - want[i]!));
        expect(maxDiff).toBeLessThanOrEqual(1);
      }
    }
  });

  it('keeps constant images constant and preserves the mean of a step', () => {
    const w = 40, h = 10;
    const flat = new Uint8Array(w * h).fill(77);
    expect(boxBlur({ width: w, height: h, channels: 1, data: flat }, 5, { passes: 3 }).data.every((v) => v === 77)).toBe(true);
    const step = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 20; x < w; x++) step[y * w + x] = 255;
    const blurred = boxBlur({ width: w, height: h, channels: 1, data: step }, 4, { passes: 3 }).data;
    // monotone ramp across the edge, centred on it
    for (let x = 1; x < w; x++) expect(blurred[x]!).toBeGreaterThanOrEqual(blurred[x - 1]!);
    expect(blurred[0]).toBe(0);
    expect(blurred[w - 1]).toBe(255);
    expect(Math.abs(blurred[19]! + blurred[20]! - 255)).toBeLessThanOrEqual(2);
  });

  it('radius 0 copies; validates its arguments', () => {
    const img = { width: 2, height: 1, channels: 3 as const, data: new Uint8Array([1, 2, 3, 4, 5, 6]) };
    const copy = boxBlur(img, 0);
    expect([...copy.data]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(copy.data).not.toBe(img.data);
    expect(() => boxBlur(img, -1)).toThrow(RangeError);
    expect(() => boxBlur(img, 1.5)).toThrow(/Expected `radius` to be an integer/);
    expect(() => boxBlur(img, 1, { out: new Uint8Array(5) })).toThrow(RangeError);
    expect(() => boxBlur({ ...img, data: new Uint8Array(5) }, 1)).toThrow(/Expected image buffer/);
  });
});
