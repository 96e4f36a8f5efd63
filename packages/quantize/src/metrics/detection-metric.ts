import { readImage } from '@facepipe/core';
import { evaluateDetections, FaceDetector, loadFaceAnnotations, type FaceDetectorOptions } from '@facepipe/detector';
import type { TaskMetric } from '../lib/quantization-report.js';

/** Options of {@link detectionMetric}. */
export interface DetectionMetricOptions {
  /** `faces-v1` annotations file (e.g. `shared/data/faces/wider_val/annotations.json`). */
  readonly annotations: string;
  /** Which number to report (default `recall`). */
  readonly measure?: 'recall' | 'ap' | 'precision';
  /** IoU for a match (default 0.4, as in ASSETS' reference table). */
  readonly iou?: number;
  /** Ground-truth faces smaller than this are ignored (default 20 px). */
  readonly minSize?: number;
  /** Detections smaller than this are ignored (default 16 px). */
  readonly minDetectionSize?: number;
  /** Detector settings other than the model (default: score 0.6, in-process session). */
  readonly detector?: Omit<FaceDetectorOptions, 'model'>;
  /** Name in the report (default `<measure>@<folder>`). */
  readonly name?: string;
}

/**
 * Face-detection task metric for a quantization report: runs `@facepipe/detector`'s FaceDetector with
 * the given model file on every annotated image and scores it with `evaluateDetections`.
 *
 * ## Example
 * ```ts
 * const metric = detectionMetric({ annotations: 'shared/data/faces/dlib_pascal/annotations.json' });
 * await metric.evaluate('ultraface.int8.onnx'); // 1.0 (recall)
 * ```
 */
export function detectionMetric(options: DetectionMetricOptions): TaskMetric {
  const measure = options.measure ?? 'recall';
  const folder = options.annotations.split(/[\\/]/).slice(-2, -1)[0] ?? 'faces';
  return {
    name: options.name ?? `${measure}@${folder}`,
    higherIsBetter: true,
    async evaluate(modelPath) {
      const gt = await loadFaceAnnotations(options.annotations);
      const detector = await FaceDetector.create({ workers: 0, scoreThreshold: 0.6, ...options.detector, model: modelPath });
      try {
        const preds = [];
        for (const im of gt.images) preds.push(await detector.detect(await readImage(im.path)));
        const r = evaluateDetections(preds, gt.images, { iou: options.iou ?? 0.4, minSize: options.minSize ?? 20, minDetectionSize: options.minDetectionSize ?? 16 });
        return r[measure];
      } finally {
        await detector.dispose();
      }
    },
  };
}
