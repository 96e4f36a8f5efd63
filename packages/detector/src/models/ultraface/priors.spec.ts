import { describe, expect, it } from 'vitest';
import { generateUltrafacePriors, ultrafacePriorCount } from './priors.js';

describe('generateUltrafacePriors', () => {
  it('counts 4420 priors at 320x240 and 17640 at 640x480', () => {
    expect(ultrafacePriorCount(320, 240)).toBe(4420);
    expect(ultrafacePriorCount(640, 480)).toBe(17640);
    expect(generateUltrafacePriors(320, 240).length).toBe(4420 * 4);
    expect(generateUltrafacePriors(640, 480).length).toBe(17640 * 4);
  });

  it('uses the feature-map size (ceil) for centres: stride-64 rows at 320x240 are 4, spread over 1/8 .. 7/8', () => {
    const p = generateUltrafacePriors(320, 240);
    // Level 3 (stride 64) starts after levels 0..2: 40*30*3 + 20*15*2 + 10*8*2 = 3600 + 600 + 160
    const start = 4360;
    expect(4420 - start).toBe(5 * 4 * 3);
    // First prior of the level: centre (0.5/5, 0.5/4), size 128/320 x 128/240
    expect(p[start * 4]).toBeCloseTo(0.1, 7);
    expect(p[start * 4 + 1]).toBeCloseTo(0.125, 7);
    expect(p[start * 4 + 2]).toBeCloseTo(0.4, 7);
    expect(p[start * 4 + 3]).toBeCloseTo(128 / 240, 7);
    // Last row centre is 3.5/4 = 0.875 (H/s would give 3.5/3.75 = 0.933)
    expect(p[(4420 - 1) * 4 + 1]).toBeCloseTo(0.875, 7);
    // 256/240 > 1 is clamped
    expect(p[(4420 - 1) * 4 + 3]).toBe(1);
    // First prior of the whole set
    expect(Array.from(p.subarray(0, 4))).toEqual([0.0125, 0.5 / 30, 10 / 320, 10 / 240].map(Math.fround));
  });

  it('supports other sizes and rejects invalid ones', () => {
    expect(ultrafacePriorCount(160, 120)).toBe(20 * 15 * 3 + 10 * 8 * 2 + 5 * 4 * 2 + 3 * 2 * 3);
    expect(() => generateUltrafacePriors(0, 240)).toThrow(RangeError);
    expect(() => generateUltrafacePriors(320.5, 240)).toThrow(/`width`/);
  });
});
