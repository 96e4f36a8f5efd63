import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelRegistry, readImage } from '@facepipe/core';
import { calibrateRange } from './calibrators.js';
import { preprocessForInput } from './preprocess-for-input.js';
import { HISTOGRAM_BINS, TensorStatistics } from './tensor-statistics.js';

const shared = process.env.FACEPIPE_SHARED!;

/** A heavy-tailed, ReLU-like sample built from real pixels: x = exp(8 * (p / 255)) - 1 for every pixel. */
async function photoValues(): Promise<Float32Array> {
  const frame = await readImage(path.join(shared, 'data/photos/fr_obama-480p.jpg'));
  const out = new Float32Array(frame.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.exp((8 * frame.data[i]) / 255) - 1;
  return out;
}

describe('TensorStatistics', () => {
  it('tracks min/max exactly and keeps every value when the histogram range doubles', async () => {
    const spec = modelRegistry.get('ultraface-rfb-320-sim')!;
    const a = preprocessForInput(await readImage(path.join(shared, 'data/photos/fr_obama-480p.jpg')), spec.input).data;
    const s = new TensorStatistics('input');
    const small = a.map((v) => v / 4);
    s.observe(small);
    s.observe(a);
    let lo = Infinity;
    let hi = -Infinity;
    for (const arr of [small, a]) for (const v of arr) ((lo = Math.min(lo, v)), (hi = Math.max(hi, v)));
    expect(s.min).toBe(lo);
    expect(s.max).toBe(hi);
    expect(hi).toBeGreaterThan(0.9); // a real photo reaches near-white: (255 - 127) / 128
    expect(s.histogramRange).toBeGreaterThanOrEqual(s.absMax);
    expect(s.histogramRange).toBeLessThanOrEqual(2 * s.absMax + 1e-6);
    const total = s.histogram!.reduce((x, y) => x + y, 0);
    expect(total).toBe(small.length + a.length);
    expect(s.histogram!.length).toBe(HISTOGRAM_BINS);
  });
});

describe('calibrateRange', () => {
  it('minmax keeps the extremes; percentile and entropy clip a heavy tail, percentile grows with p', async () => {
    const values = await photoValues();
    const s = new TensorStatistics('t');
    s.observe(values);
    const mm = calibrateRange(s, 'minmax');
    const p9999 = calibrateRange(s, 'percentile');
    const p99 = calibrateRange(s, 'percentile', { percentile: 99 });
    const p100 = calibrateRange(s, 'percentile', { percentile: 100 });
    const ent = calibrateRange(s, 'entropy');
    expect(mm).toEqual({ min: s.min, max: s.max });
    expect(p99.max).toBeLessThan(p9999.max);
    expect(p9999.max).toBeLessThanOrEqual(mm.max);
    expect(p100.max).toBe(mm.max);
    expect(ent.max).toBeGreaterThan(0);
    expect(ent.max).toBeLessThanOrEqual(mm.max);
    // at least 99 % of the mass is inside every clipped range
    for (const r of [p99, p9999, ent]) {
      let inside = 0;
      for (const v of values) if (v <= r.max * (1 + 1e-6)) inside++;
      expect(inside / values.length).toBeGreaterThanOrEqual(0.99 - 1 / HISTOGRAM_BINS);
    }
    console.log(JSON.stringify({ minmax: mm.max, p99: p99.max, p9999: p9999.max, entropy: ent.max }));
  });

  it('validates its arguments', () => {
    const s = new TensorStatistics('t');
    s.observe(new Float32Array([0, 1, 2]));
    expect(() => calibrateRange(s, 'kl' as never)).toThrow(/Expected `method`/);
    expect(() => calibrateRange(s, 'percentile', { percentile: 120 })).toThrow(RangeError);
  });
});
