import { describe, expect, it } from 'vitest';
import { maskCoverage } from './mask-coverage.js';
import { postprocessMask } from './postprocess-mask.js';
import { createTemporalSmoother } from './temporal-smoother.js';

// 16x16 map: a big 8x8 blob (person) and a small 2x2 blob (false positive)
function map() {
  const data = new Float32Array(256);
  for (let y = 4; y < 12; y++) for (let x = 2; x < 10; x++) data[y * 16 + x] = 0.95;
  for (let y = 1; y < 3; y++) for (let x = 12; x < 14; x++) data[y * 16 + x] = 0.8;
  return { width: 16, height: 16, data, contentWidth: 16, contentHeight: 16 };
}

describe('postprocessMask', () => {
  it('threshold gives a binary mask whose coverage matches the blobs', () => {
    const m = postprocessMask(map(), 64, 64, { threshold: 0.5 });
    expect(m.data.every((v) => v === 0 || v === 255)).toBe(true);
    // (64 + 4) / 256 of the area, up to a half-pixel border of bilinear interpolation
    expect(m.coverage).toBeGreaterThan(60 / 256);
    expect(m.coverage).toBeLessThan(76 / 256);
    expect(m.coverage).toBe(maskCoverage(m.data));
  });

  it('largestComponent removes the small blob', () => {
    const all = postprocessMask(map(), 64, 64, { threshold: 0.5 });
    const one = postprocessMask(map(), 64, 64, { threshold: 0.5, largestComponent: true });
    // the small blob sits at x 48..56, y 4..12 in frame pixels
    expect(all.data[8 * 64 + 52]).toBe(255);
    expect(one.data[8 * 64 + 52]).toBe(0);
    expect(one.data[32 * 64 + 24]).toBe(255);
    expect(one.coverage).toBeLessThan(all.coverage);
  });

  it('feathering softens the edge without moving it', () => {
    const hard = postprocessMask(map(), 64, 64, { threshold: 0.5 });
    const soft = postprocessMask(map(), 64, 64, { threshold: 0.5, feather: 3 });
    let mid = 0;
    for (const v of soft.data) if (v > 0 && v < 255) mid++;
    expect(mid).toBeGreaterThan(100);
    expect(Math.abs(soft.coverage - hard.coverage)).toBeLessThan(0.02);
  });

  it('uses the temporal smoother when given one', () => {
    const s = createTemporalSmoother({ rate: 0.5, motionGain: 0 });
    postprocessMask(map(), 16, 16, {}, s);
    const empty = { ...map(), data: new Float32Array(256) };
    const m = postprocessMask(empty, 16, 16, {}, s);
    expect(m.data[8 * 16 + 5]).toBe(Math.round(0.475 * 255));
  });
});
