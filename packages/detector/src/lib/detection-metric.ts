import { assertInRange, assertObject, assertOneOf, assertString, loadFaceAnnotations, readImage, type FaceAnnotations } from '@facepipe/core';
import { evaluateDetections } from './evaluate-detections.js';
import { FaceDetector, type FaceDetectorOptions } from './face-detector.js';
import type { Face } from '@facepipe/core';

/** Figures {@link detectionMetric} can report. */
export type DetectionMeasure = 'recall' | 'ap' | 'precision';

const MEASURES: readonly DetectionMeasure[] = ['recall', 'ap', 'precision'];

/** Options of {@link detectionMetric}. */
export interface DetectionMetricOptions {
  /** `faces-v1` annotations file (e.g. `shared/data/faces/wider_val/annotations.json`). */
  readonly annotations: string;
  /** Which figure to report (default `recall`). */
  readonly measure?: DetectionMeasure;
  /** IoU for a match (default 0.4, the reference protocol of ASSETS.md). */
  readonly iou?: number;
  /** Ground-truth faces smaller than this are ignored (default 20 px). */
  readonly minSize?: number;
  /** Detections smaller than this are ignored (default 16 px). */
  readonly minDetectionSize?: number;
  /** Largest acceptable drop of the figure (e.g. fp32 → int8), in its own units; no limit when absent. */
  readonly tolerance?: number;
  /** Detector settings other than the model (default: score 0.6, in-process session). */
  readonly detector?: Omit<FaceDetectorOptions, 'model'>;
  /** Name in reports (default `<measure>@<folder of the annotations>`). */
  readonly name?: string;
}

/**
 * A detection figure measured on a model file. It has the shape of `@facepipe/quantize`'s
 * `TaskMetric` (without this package depending on quantize), so it can go straight into a
 * quantization report.
 */
export interface DetectionMetric {
  readonly name: string;
  /** Recall, AP and precision: larger is better. */
  readonly higherIsBetter: true;
  readonly tolerance?: number;
  /** Run a `FaceDetector` with `modelPath` on every annotated image and return the chosen figure. */
  readonly evaluate: (modelPath: string) => Promise<number>;
}

/**
 * Face-detection task metric: runs a {@link FaceDetector} with the given model file on every image of
 * a `faces-v1` set and scores it with {@link evaluateDetections} (reference protocol: IoU 0.4, faces
 * >= 20 px, detections >= 16 px, score 0.6). The annotations are read once, on the first `evaluate`.
 *
 * ## Example
 * ```ts
 * const metric = detectionMetric({ annotations: '../shared/data/faces/dlib_pascal/annotations.json' });
 * await metric.evaluate('../shared/models/ultraface/version-RFB-320.onnx'); // 1 (recall)
 * ```
 * @param options - the annotations and the protocol; validated here.
 * @returns a metric whose `evaluate(modelPath)` gives the figure.
 * @throws {TypeError | RangeError} for invalid options.
 * @throws {AnnotationFormatError | DecoderError} (from `evaluate`) for a bad annotations file.
 * @see evaluateDetections
 */
export function detectionMetric(options: DetectionMetricOptions): DetectionMetric {
  assertObject(options, 'options');
  assertString(options.annotations, 'annotations');
  const measure = options.measure ?? 'recall';
  assertOneOf(measure, 'measure', MEASURES);
  const protocol = { iou: options.iou ?? 0.4, minSize: options.minSize ?? 20, minDetectionSize: options.minDetectionSize ?? 16 };
  assertInRange(protocol.iou, 'iou', 0, 1);
  assertInRange(protocol.minSize, 'minSize', 0, Infinity);
  assertInRange(protocol.minDetectionSize, 'minDetectionSize', 0, Infinity);
  if (options.tolerance !== undefined) assertInRange(options.tolerance, 'tolerance', 0, Infinity);
  if (options.name !== undefined) assertString(options.name, 'name');
  assertObject(options.detector, 'detector', true);
  const folder = options.annotations.split(/[\\/]/).slice(-2, -1)[0] || 'faces';
  let truth: Promise<FaceAnnotations> | undefined;
  return {
    name: options.name ?? `${measure}@${folder}`,
    higherIsBetter: true,
    ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
    async evaluate(modelPath) {
      assertString(modelPath, 'modelPath');
      truth ??= loadFaceAnnotations(options.annotations);
      const set = await truth;
      const detector = await FaceDetector.create({ workers: 0, scoreThreshold: 0.6, ...options.detector, model: modelPath });
      try {
        const predictions: Face[][] = [];
        for (const image of set.images) predictions.push(await detector.detect(await readImage(image.path)));
        return evaluateDetections(predictions, set.images, protocol)[measure];
      } finally {
        await detector.dispose();
      }
    },
  };
}
