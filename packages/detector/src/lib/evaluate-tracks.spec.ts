import { describe, expect, it } from 'vitest';
import { evaluateTracks, type GroundTruthTrackBox, type TrackedBox } from './evaluate-tracks.js';

type B = readonly [number, number, number, number];
const at = (x: number): B => [x, 0, x + 10, 10];
const gt = (id: number, box: B, ignore = false): GroundTruthTrackBox => ({ id, box, ignore });
const pr = (id: number | undefined, box: B): TrackedBox => (id === undefined ? { box } : { id, box });

/** One ground-truth face moving right 1 px/frame for `n` frames. */
const walk = (n: number, id = 1): GroundTruthTrackBox[][] => Array.from({ length: n }, (_, t) => [gt(id, at(t))]);

describe('evaluateTracks', () => {
  it('perfect tracking (ids renamed) scores 1 everywhere', () => {
    const truth = [[gt(1, at(0)), gt(2, at(50))], [gt(1, at(1)), gt(2, at(51))], [gt(2, at(52))]];
    const preds = truth.map((fr) => fr.map((g) => pr(g.id + 40, g.box)));
    const r = evaluateTracks(preds, truth);
    expect(r).toMatchObject({ mota: 1, motp: 1, idf1: 1, idp: 1, idr: 1, recall: 1, precision: 1, idSwitches: 0, fragmentations: 0, falsePositives: 0, falseNegatives: 0, groundTruthTracks: 2, predictedTracks: 2, groundTruth: 5, mostlyTracked: 2, mostlyLost: 0, shortTracks: 0, frames: 3 });
  });

  it('an id switch halfway: MOTA 1 - 1/4, IDF1 2*2 / (2*2 + 2 + 2)', () => {
    const truth = walk(4);
    const preds = truth.map((fr, t) => [pr(t < 2 ? 7 : 8, fr[0]!.box)]);
    const r = evaluateTracks(preds, truth);
    expect(r.idSwitches).toBe(1);
    expect(r.mota).toBeCloseTo(0.75, 10);
    expect(r.idf1).toBeCloseTo(0.5, 10);
    expect(r.predictedTracks).toBe(2);
    expect(r.shortTracks).toBe(2); // two ids of 2 frames on a face in view for 4
    expect(r.mostlyTracked).toBe(1);
  });

  it('a missed frame in the middle is one fragmentation and one FN; the id resumes without a switch', () => {
    const truth = walk(5);
    const preds = truth.map((fr, t) => (t === 2 ? [] : [pr(3, fr[0]!.box)]));
    const r = evaluateTracks(preds, truth);
    expect(r).toMatchObject({ fragmentations: 1, falseNegatives: 1, idSwitches: 0, truePositives: 4, falsePositives: 0, mostlyTracked: 1 });
    expect(r.mota).toBeCloseTo(0.8, 10);
    expect(r.idf1).toBeCloseTo((2 * 4) / (2 * 4 + 0 + 1), 10);
    expect(r.recall).toBeCloseTo(0.8, 10);
  });

  it('false positives, short ids, low IoU and mostly-lost tracks', () => {
    const truth = [[gt(1, at(0)), gt(2, at(100))], [gt(1, at(1)), gt(2, at(101))], [gt(1, at(2)), gt(2, at(102))]];
    const preds = [
      [pr(1, at(0)), pr(9, at(300))], // id 9: a one-frame false track
      [pr(1, at(1)), pr(5, at(106))], // IoU 4/16 with face 2: below 0.5, so a FP and a FN
      [pr(1, at(2))],
    ];
    const r = evaluateTracks(preds, truth);
    expect(r).toMatchObject({ truePositives: 3, falsePositives: 2, falseNegatives: 3, mostlyTracked: 1, mostlyLost: 1, shortTracks: 2, predictedTracks: 3 });
    expect(r.mota).toBeCloseTo(1 - 5 / 6, 10);
    // With a looser match the shifted box counts.
    expect(evaluateTracks(preds, truth, { iou: 0.25 }).truePositives).toBe(4);
  });

  it('CLEAR MOT keeps last frame\'s correspondence while its IoU holds, even when another id overlaps more', () => {
    const truth = walk(3);
    const preds = [[pr(1, at(0))], [pr(1, [2, 0, 12, 10]), pr(2, at(1))], [pr(1, at(2))]];
    const r = evaluateTracks(preds, truth);
    expect(r).toMatchObject({ idSwitches: 0, truePositives: 3, falsePositives: 1 });
  });

  it('ignore regions: predictions on them are dropped, missing them is no FN; faces without id are skipped', () => {
    const truth = [[gt(1, at(0)), gt(2, at(50), true)], [gt(1, at(1)), gt(2, at(51), true)]];
    const preds = [[pr(1, at(0)), pr(4, at(50))], [pr(1, at(1)), pr(undefined, at(70))]];
    const r = evaluateTracks(preds, truth);
    expect(r).toMatchObject({ mota: 1, idf1: 1, falsePositives: 0, falseNegatives: 0, ignoredPredictions: 1, unidentifiedPredictions: 1, groundTruthTracks: 1, predictedTracks: 1 });
  });

  it('empty input and validation', () => {
    expect(evaluateTracks([], [])).toMatchObject({ mota: 0, idf1: 1, frames: 0 });
    expect(() => evaluateTracks([[]], [])).toThrow(/one list per ground-truth frame \(0\)/);
    expect(() => evaluateTracks([[pr(1, [0, 0, 1] as unknown as B)]], [[]])).toThrow('Expected `predictions[0][0].box` to be [x1, y1, x2, y2] (4 finite numbers)');
    expect(() => evaluateTracks([[]], [[{ id: 1.5, box: at(0) }]])).toThrow(/groundTruth\[0\]\[0\]\.id/);
    expect(() => evaluateTracks([], [], { iou: 2 })).toThrow('Expected `iou` to be a number in [0, 1], got `2` (number)');
    expect(() => evaluateTracks([], [], { minTrackLength: 0 })).toThrow(/minTrackLength/);
  });
});
