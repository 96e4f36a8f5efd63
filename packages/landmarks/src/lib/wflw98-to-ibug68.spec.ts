import { describe, expect, it } from 'vitest';
import { ShapeMismatchError } from '@facepipe/core';
import { WFLW98_TO_IBUG68, wflw98ToIbug68 } from './wflw98-to-ibug68.js';
import { LANDMARK_GROUPS } from './landmark-groups.js';

describe('WFLW98_TO_IBUG68 / wflw98ToIbug68', () => {
  it('is the ASSETS.md map: 68 distinct indices below 98, anchors in place', () => {
    expect(WFLW98_TO_IBUG68).toHaveLength(68);
    expect(new Set(WFLW98_TO_IBUG68).size).toBe(68);
    expect(Math.max(...WFLW98_TO_IBUG68)).toBeLessThan(96);
    // jaw 0..16 <- 0,2..32; outer eye corners 36 <- 60, 45 <- 72; mouth 48..67 <- 76..95
    expect(WFLW98_TO_IBUG68.slice(0, 17)).toEqual(Array.from({ length: 17 }, (_, i) => 2 * i));
    expect([WFLW98_TO_IBUG68[36], WFLW98_TO_IBUG68[39], WFLW98_TO_IBUG68[42], WFLW98_TO_IBUG68[45]]).toEqual([60, 64, 68, 72]);
    expect(WFLW98_TO_IBUG68.slice(17, 27)).toEqual([33, 34, 35, 36, 37, 42, 43, 44, 45, 46]);
    expect(WFLW98_TO_IBUG68.slice(48)).toEqual(Array.from({ length: 20 }, (_, i) => 76 + i));
  });

  it('gathers x, y pairs into a preallocated buffer and validates sizes', () => {
    const p98 = Float32Array.from({ length: 196 }, (_, k) => (k % 2 ? 1000 + (k - 1) / 2 : (k / 2)));
    const out = new Float32Array(136);
    expect(wflw98ToIbug68(p98, out)).toBe(out);
    expect([out[2 * 45], out[2 * 45 + 1]]).toEqual([72, 1072]);
    expect(() => wflw98ToIbug68(new Float32Array(136))).toThrow(ShapeMismatchError);
    expect(() => wflw98ToIbug68(p98, new Float32Array(10))).toThrow(RangeError);
  });

  it('groups cover each layout once (98: with pupils; 68: none)', () => {
    for (const n of [68, 98] as const) {
      const all = Object.values(LANDMARK_GROUPS[n]).flat();
      expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
    expect(LANDMARK_GROUPS[98].pupils).toEqual([96, 97]);
    expect(LANDMARK_GROUPS[68].pupils).toEqual([]);
  });
});
