import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnnotationFormatError } from '@facepipe/core';
import { detectionMetric } from './detection-metric.js';

const shared = process.env.FACEPIPE_SHARED!;
const models = process.env.FACEPIPE_MODELS!;
const dlib = path.join(shared, 'data/faces/dlib_pascal/annotations.json');

describe('detectionMetric', () => {
  it('scores a model file on a faces-v1 set with the reference protocol (UltraFace RFB-320 on dlib_pascal: recall 1, AP > 0.95)', async () => {
    const model = path.join(models, 'ultraface/version-RFB-320.onnx');
    const recall = detectionMetric({ annotations: dlib, tolerance: 0.01 });
    expect(recall.name).toBe('recall@dlib_pascal');
    expect(recall.higherIsBetter).toBe(true);
    expect(recall.tolerance).toBe(0.01);
    expect(await recall.evaluate(model)).toBe(1);
    const ap = detectionMetric({ annotations: dlib, measure: 'ap', name: 'AP dlib' });
    expect(ap.name).toBe('AP dlib');
    expect(ap.tolerance).toBeUndefined();
    const figure = await ap.evaluate(model);
    expect(figure).toBeGreaterThan(0.95);
    expect(figure).toBeLessThanOrEqual(1);
  });

  it('rejects bad options at once and a bad annotations file on evaluate', async () => {
    expect(() => detectionMetric({ annotations: 42 as unknown as string })).toThrow(/Expected `annotations` to be a non-empty string/);
    expect(() => detectionMetric({ annotations: dlib, measure: 'f1' as 'ap' })).toThrow(/`measure`/);
    expect(() => detectionMetric({ annotations: dlib, iou: 1.5 })).toThrow(RangeError);
    expect(() => detectionMetric({ annotations: dlib, tolerance: -1 })).toThrow(RangeError);
    const notFacesV1 = detectionMetric({ annotations: path.join(shared, 'data/segmentation/hsd/index.json') });
    await expect(notFacesV1.evaluate('ultraface-rfb-320')).rejects.toBeInstanceOf(AnnotationFormatError);
  });
});
