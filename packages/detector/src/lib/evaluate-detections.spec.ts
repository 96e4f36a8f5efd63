import { describe, expect, it } from 'vitest';
import { averagePrecision, evaluateDetections } from './evaluate-detections.js';

const box = (x: number, y: number, s: number): [number, number, number, number] => [x, y, x + s, y + s];

describe('evaluateDetections', () => {
  it('counts TP/FP greedily by score; a duplicate of a matched face is a FP', () => {
    const gt = [{ faces: [{ box: box(0, 0, 40) }, { box: box(100, 100, 40) }] }];
    const preds = [[
      { box: box(1, 1, 40), score: 0.9 },
      { box: box(2, 2, 40), score: 0.8 }, // duplicate of face 0
      { box: box(300, 300, 40), score: 0.7 }, // nothing there
    ]];
    const r = evaluateDetections(preds, gt, { iou: 0.4 });
    expect([r.truePositives, r.falsePositives, r.groundTruth]).toEqual([1, 2, 2]);
    expect(r.recall).toBe(0.5);
    expect(r.precision).toBeCloseTo(1 / 3, 12);
    // PR after each detection: (1, 0.5), (0.5, 0.5), (1/3, 0.5) -> AP = 0.5 * 1
    expect(r.ap).toBeCloseTo(0.5, 12);
    expect(Array.from(r.curve.scores)).toEqual([0.9, 0.8, 0.7]);
  });

  it('ignores small ground truth: a detection on it is neither TP nor FP', () => {
    const gt = [{ faces: [{ box: box(0, 0, 10) }, { box: box(100, 100, 40) }] }];
    const preds = [[{ box: box(0, 0, 10), score: 0.95 }, { box: box(100, 100, 40), score: 0.9 }]];
    const r = evaluateDetections(preds, gt, { iou: 0.4, minSize: 20 });
    expect([r.truePositives, r.falsePositives, r.groundTruth, r.ignoredGroundTruth, r.ignoredDetections]).toEqual([1, 0, 1, 1, 1]);
    expect(r.ap).toBe(1);
    // Without minSize the small face counts.
    expect(evaluateDetections(preds, gt, { iou: 0.4 }).truePositives).toBe(2);
  });

  it('applies minScore and minDetectionSize before matching, and the IoU threshold inclusively', () => {
    const gt = [{ faces: [{ box: [0, 0, 10, 10] as const }] }];
    // IoU of [0,0,10,10] with [5,0,15,10] = 1/3
    const p = [[{ box: [5, 0, 15, 10] as const, score: 0.9 }]];
    expect(evaluateDetections(p, gt, { iou: 1 / 3 }).truePositives).toBe(1);
    expect(evaluateDetections(p, gt, { iou: 0.34 }).truePositives).toBe(0);
    expect(evaluateDetections(p, gt, { iou: 0.3, minScore: 0.95 }).falsePositives).toBe(0);
    expect(evaluateDetections(p, gt, { iou: 0.3, minDetectionSize: 11 }).curve.scores.length).toBe(0);
  });

  it('ranks detections across images for AP (all-point interpolation)', () => {
    const gt = [{ faces: [{ box: box(0, 0, 40) }] }, { faces: [{ box: box(0, 0, 40) }] }];
    // image 0: a FP at 0.9, image 1: a TP at 0.8, image 0: TP at 0.5
    const preds = [[{ box: box(200, 200, 40), score: 0.9 }, { box: box(0, 0, 40), score: 0.5 }], [{ box: box(0, 0, 40), score: 0.8 }]];
    const r = evaluateDetections(preds, gt, { iou: 0.5 });
    // PR: (0, 0), (1/2, 1/2), (2/3, 1): interpolated precision 2/3 over recall 0..1
    expect(r.ap).toBeCloseTo(2 / 3, 12);
    expect(averagePrecision([0.5, 0.5, 1], [1, 0.5, 2 / 3])).toBeCloseTo(0.5 + 0.5 * (2 / 3), 12);
  });

  it('handles empty sets and rejects malformed input', () => {
    expect(evaluateDetections([], [], {})).toMatchObject({ recall: 0, precision: 1, ap: 0, groundTruth: 0 });
    expect(evaluateDetections([[]], [{ faces: [{ box: box(0, 0, 30) }] }]).recall).toBe(0);
    expect(() => evaluateDetections([[]], [], {})).toThrow(RangeError);
    expect(() => evaluateDetections([[]], [{ faces: [] }], { iou: 2 })).toThrow('Expected `iou` to be a number in [0, 1], got `2` (number)');
    expect(() => evaluateDetections([[{ box: [0, 0, 1] as never, score: 1 }]], [{ faces: [] }])).toThrow(/predictions\[0\]\[0\]\.box/);
    expect(() => evaluateDetections([[{ box: box(0, 0, 1), score: '1' as never }]], [{ faces: [] }])).toThrow(TypeError);
  });
});
