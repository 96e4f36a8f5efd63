import { describe, expect, it } from 'vitest';
import { matchFacesToTruth } from './match-faces-to-truth.js';

type Box = [number, number, number, number];
const face = (box: Box, id: string) => ({ box, id });
/** 68 points spread over the square [x, x + s] x [y, y + s] (corners included). */
function points(x: number, y: number, s: number): Float32Array {
  const p = new Float32Array(136);
  for (let i = 0; i < 68; i++) {
    p[2 * i] = x + (s * (i % 4)) / 3;
    p[2 * i + 1] = y + (s * Math.floor(i / 4)) / 16;
  }
  return p;
}

describe('matchFacesToTruth', () => {
  it('gives each truth the detection of highest IoU with its box, else with the bounding box of its points', () => {
    const dets = [face([0, 0, 100, 100], 'a'), face([200, 0, 300, 100], 'b'), face([10, 10, 110, 110], 'c')];
    const truths = [
      { box: [12, 12, 108, 108] as Box, landmarks: points(500, 500, 10) }, // the box decides, not the points
      { landmarks: points(195, 0, 100) }, // no box: points' box [195, 0, 295, 100]
    ];
    const { matched, missed } = matchFacesToTruth(dets, truths);
    expect(missed).toEqual([]);
    expect(matched.map((m) => [m.truthIndex, m.face.id])).toEqual([[0, 'c'], [1, 'b']]);
    expect(matched[0]!.truth).toBe(truths[0]);
    expect(matched[0]!.iou).toBeCloseTo((96 * 96) / (100 * 100), 12);
    expect(matched[1]!.iou).toBeCloseTo(9500 / 10500, 12);
  });

  it('misses truths below 0.3 (box) / 0.2 (points) IoU, with the best IoU found; the limits are options', () => {
    const dets = [face([0, 0, 100, 100], 'a')];
    // box IoU 0.25: missed with a box, matched as points (>= 0.2)
    const box: Box = [0, 0, 100, 25];
    const truths = [{ box, landmarks: points(0, 0, 100) }, { landmarks: points(0, 0, 50) }];
    const r = matchFacesToTruth(dets, truths);
    expect(r.missed).toEqual([{ truthIndex: 0, bestIou: 0.25 }]);
    expect(r.matched.map((m) => m.truthIndex)).toEqual([1]);
    expect(matchFacesToTruth(dets, truths, { minBoxIou: 0.25, minPointsIou: 0.3 }).missed).toEqual([{ truthIndex: 1, bestIou: 0.25 }]);
    expect(matchFacesToTruth([], truths).missed).toEqual([{ truthIndex: 0, bestIou: 0 }, { truthIndex: 1, bestIou: 0 }]);
  });

  it('rejects bad input with a message naming it', () => {
    expect(() => matchFacesToTruth(null as never, [])).toThrow(/Expected `detections` to be an array of faces, got `null`/);
    expect(() => matchFacesToTruth([], {} as never)).toThrow(TypeError);
    expect(() => matchFacesToTruth([], [], { minBoxIou: 2 })).toThrow(/Expected `minBoxIou` to be a number in \[0, 1\]/);
  });
});
