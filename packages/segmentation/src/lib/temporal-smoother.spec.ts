import { describe, expect, it } from 'vitest';
import { createTemporalSmoother } from './temporal-smoother.js';

describe('createTemporalSmoother', () => {
  it('damps small flicker but follows large changes at once', () => {
    const s = createTemporalSmoother({ rate: 0.3, motionGain: 1.5 });
    expect([...s.apply(new Float32Array([0.5, 0]))]).toEqual([0.5, 0]);
    // pixel 0 flickers by 0.1, pixel 1 jumps 0 -> 1 (motion)
    const out = s.apply(new Float32Array([0.6, 1]));
    expect(out[0]).toBeCloseTo(0.5 + (0.3 + 0.15) * 0.1, 6);
    expect(out[1]).toBe(1);
  });

  it('plain EMA with motionGain 0; reset and size change restart', () => {
    const s = createTemporalSmoother({ rate: 0.5, motionGain: 0 });
    s.apply(new Float32Array([0]));
    expect(s.apply(new Float32Array([1]))[0]).toBeCloseTo(0.5, 6);
    expect(s.apply(new Float32Array([1]))[0]).toBeCloseTo(0.75, 6);
    s.reset();
    expect(s.apply(new Float32Array([0.2]))[0]).toBeCloseTo(0.2, 6);
    expect([...s.apply(new Float32Array([1, 1]))]).toEqual([1, 1]);
  });

  it('with a guide, follows where the image moved and averages where it did not', () => {
    const s = createTemporalSmoother({ rate: 0.25, imageMotionGain: 4 });
    s.apply(new Float32Array([0, 0]), new Uint8Array([100, 100]));
    // both pixels' probability jumps to 1; only pixel 1's image changed (by 64 levels)
    const out = s.apply(new Float32Array([1, 1]), new Uint8Array([100, 164]));
    expect(out[0]).toBeCloseTo(0.25, 6);
    expect(out[1]).toBeCloseTo(Math.min(1, 0.25 + (4 * 64) / 255), 6);
  });

  it('validates options', () => {
    expect(() => createTemporalSmoother({ rate: 0 })).toThrow(RangeError);
    expect(() => createTemporalSmoother({ rate: 1.2 })).toThrow(/Expected `rate`/);
    expect(() => createTemporalSmoother({ motionGain: -1 })).toThrow(RangeError);
    expect(() => createTemporalSmoother({ imageMotionGain: -1 })).toThrow(/imageMotionGain/);
  });
});
