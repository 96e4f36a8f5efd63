import { describe, expect, it } from 'vitest';
import { ShapeMismatchError } from '@facepipe/core';
import { createCandidates } from '../../lib/candidates.js';
import { DetectorOutputError } from '../../lib/errors.js';
import { collectYunetCandidates, type YunetLevel } from './decode.js';

/** Empty heads for a 64x32 input (stride 8: 8x4 cells, 16: 4x2, 32: 2x1). */
function heads(): YunetLevel[] {
  return [8, 16, 32].map((s) => {
    const n = (64 / s) * (32 / s);
    return { stride: s, cls: new Float32Array(n), obj: new Float32Array(n), bbox: new Float32Array(n * 4), kps: new Float32Array(n * 10) };
  });
}

describe('collectYunetCandidates', () => {
  it('decodes a cell: score sqrt(cls*obj), centre (col + dx) * s, size exp(dw) * s, keypoints (col + kx) * s', () => {
    const lv = heads();
    const l16 = lv[1]!;
    // stride 16, 4 columns: anchor 6 = row 1, col 2
    l16.cls[6] = 0.81;
    l16.obj[6] = 1.2; // clamped to 1
    l16.bbox.set([0.5, 0.25, Math.log(2), 0], 6 * 4);
    l16.kps.set([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0], 6 * 10);
    lv[0]!.cls[0] = 0.3; // sqrt(0.3 * 0) = 0: below threshold
    const c = collectYunetCandidates(lv, 64, 32, 0.6, createCandidates(1, true));
    expect(c.count).toBe(1);
    expect(c.scores[0]).toBeCloseTo(0.9, 6);
    const cx = (2 + 0.5) * 16, cy = (1 + 0.25) * 16;
    expect(Array.from(c.boxes.subarray(0, 4))).toEqual([cx - 16, cy - 8, cx + 16, cy + 8].map(Math.fround));
    expect(c.keypoints[0]).toBeCloseTo((2 + 0.1) * 16, 4);
    expect(c.keypoints[1]).toBeCloseTo((1 + 0.2) * 16, 4);
    expect(c.keypoints[9]).toBeCloseTo((1 + 1.0) * 16, 4);
  });

  it('rejects heads that do not fit the input size, and NaN scores', () => {
    expect(() => collectYunetCandidates(heads(), 64, 64, 0.6, createCandidates(1, true))).toThrow(ShapeMismatchError);
    const lv = heads();
    lv[2]!.obj[1] = NaN;
    expect(() => collectYunetCandidates(lv, 64, 32, 0.6, createCandidates(1, true), 'yn')).toThrow(DetectorOutputError);
    expect(() => collectYunetCandidates(lv, 64, 32, 0.6, createCandidates(1, true), 'yn')).toThrow(/"obj_32" has an invalid value `NaN` at index 1/);
  });
});
