import { describe, expect, it } from 'vitest';
import { upsampleProbability } from './upsample-probability.js';

describe('upsampleProbability', () => {
  it('maps a constant map to constant alpha and rounds', () => {
    const prob = { width: 4, height: 4, data: new Float32Array(16).fill(0.5), contentWidth: 4, contentHeight: 4 };
    const a = upsampleProbability(prob, 10, 7);
    expect(a.length).toBe(70);
    expect(a.every((v) => v === 128)).toBe(true);
    expect(upsampleProbability(prob, 3, 3, { threshold: 0.5 }).every((v) => v === 255)).toBe(true);
    expect(upsampleProbability(prob, 3, 3, { threshold: 0.51 }).every((v) => v === 0)).toBe(true);
  });

  it('interpolates with half-pixel centres (2x upsampling of a 2x1 ramp)', () => {
    const prob = { width: 2, height: 1, data: new Float32Array([0, 1]), contentWidth: 2, contentHeight: 1 };
    // x = 0..3 -> src -0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped 1)
    expect([...upsampleProbability(prob, 4, 1)]).toEqual([0, 64, 191, 255]);
  });

  it('crops the padded region: only the content area reaches the frame', () => {
    // 4x4 map, content is the left 2 columns (value 1); padding columns hold 0
    const data = new Float32Array(16);
    for (let y = 0; y < 4; y++) { data[y * 4] = 1; data[y * 4 + 1] = 1; }
    const a = upsampleProbability({ width: 4, height: 4, data, contentWidth: 2, contentHeight: 4 }, 8, 16);
    expect(a.every((v) => v === 255)).toBe(true);
  });

  it('validates sizes, threshold and out', () => {
    const prob = { width: 2, height: 2, data: new Float32Array(3), contentWidth: 2, contentHeight: 2 };
    expect(() => upsampleProbability(prob, 2, 2)).toThrow(/probability map buffer/);
    const ok = { ...prob, data: new Float32Array(4) };
    expect(() => upsampleProbability(ok, 0, 2)).toThrow(RangeError);
    expect(() => upsampleProbability(ok, 2, 2, { threshold: 1.5 })).toThrow(/Expected `threshold`/);
    expect(() => upsampleProbability(ok, 2, 2, { out: new Uint8Array(3) })).toThrow(RangeError);
  });
});
