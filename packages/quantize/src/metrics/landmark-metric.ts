import { readImage } from '@facepipe/core';
import { boxIou, FaceDetector, type Face } from '@facepipe/detector';
import { createLandmarkDetector, evaluateLandmarks, readLandmarkAnnotations, type LandmarkPair } from '@facepipe/landmarks';
import type { TaskMetric } from '../lib/quantization-report.js';

/** Options of {@link landmarkMetric}. */
export interface LandmarkMetricOptions {
  /** Landmark ground truth: `faces-v1` annotations and/or iBUG `.pts` files. */
  readonly annotations: readonly string[];
  /** fp32 detector giving the face boxes (default `ultraface-rfb-320`); the same boxes feed both models. */
  readonly detectorModel?: string;
  /** Minimum IoU between a detection and a ground-truth box (or the box around its 68 points) to use it (default 0.3). */
  readonly minIou?: number;
  /** Landmark preset of the model (default `pfld-ghostone-98`). */
  readonly preset?: 'pfld-ghostone-98' | 'pfld-ghostnet-slim-98' | 'pfld-68';
  readonly name?: string;
}

function pointsBox(p: Float32Array): [number, number, number, number] {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (let i = 0; i < p.length; i += 2) {
    x1 = Math.min(x1, p[i]);
    x2 = Math.max(x2, p[i]);
    y1 = Math.min(y1, p[i + 1]);
    y2 = Math.max(y2, p[i + 1]);
  }
  return [x1, y1, x2, y2];
}

/**
 * Landmark task metric (mean NME, lower is better) for a quantization report: face boxes come once
 * from an fp32 detector (each ground-truth face takes the detection overlapping its landmarks most),
 * then `@facepipe/landmarks`' detector runs the model file on those boxes and `evaluateLandmarks`
 * scores the 68 (98 → 68 mapped) points.
 *
 * ## Example
 * ```ts
 * const metric = landmarkMetric({ annotations: ['shared/data/faces/dlib_pascal/annotations.json'] });
 * await metric.evaluate('pfld.int8.onnx'); // ~0.067
 * ```
 */
export function landmarkMetric(options: LandmarkMetricOptions): TaskMetric {
  let cache: Promise<{ image: string; faces: Face[]; truths: Float32Array[] }[]> | undefined;
  const boxes = async () => {
    const detector = await FaceDetector.create({ model: options.detectorModel ?? 'ultraface-rfb-320', workers: 0 });
    try {
      const out: { image: string; faces: Face[]; truths: Float32Array[] }[] = [];
      for (const file of options.annotations) {
        for (const ann of await readLandmarkAnnotations(file)) {
          const dets = await detector.detect(await readImage(ann.image));
          const faces: Face[] = [];
          const truths: Float32Array[] = [];
          for (const gt of ann.faces) {
            const ref = pointsBox(gt.landmarks);
            let best: Face | undefined;
            let bestIou = options.minIou ?? 0.3;
            for (const d of dets) {
              const iou = boxIou(d.box, 0, ref, 0);
              if (iou >= bestIou) {
                bestIou = iou;
                best = d;
              }
            }
            if (best) {
              faces.push(best);
              truths.push(gt.landmarks);
            }
          }
          if (faces.length) out.push({ image: ann.image, faces, truths });
        }
      }
      return out;
    } finally {
      await detector.dispose();
    }
  };
  return {
    name: options.name ?? 'NME (68 pt, inter-ocular)',
    higherIsBetter: false,
    async evaluate(modelPath) {
      cache ??= boxes();
      const items = await cache;
      const lm = await createLandmarkDetector({ model: modelPath, preset: options.preset ?? 'pfld-ghostone-98', workers: 0 });
      try {
        const pairs: LandmarkPair[] = [];
        for (const item of items) {
          const faces = await lm.detect(await readImage(item.image), item.faces);
          faces.forEach((f, i) => {
            if (f.landmarks) pairs.push({ predicted: f.landmarks, truth: item.truths[i] });
          });
        }
        return evaluateLandmarks(pairs).nme;
      } finally {
        await lm.dispose();
      }
    },
  };
}
