import path from 'node:path';
import { modelRegistry, readImage } from '@facepipe/core';
import { boxIou, type Face } from '@facepipe/detector';
import { createLandmarkDetector, evaluateLandmarks, type LandmarkPair, type LandmarkPresetId } from '@facepipe/landmarks';
import { stageModel } from '../../stages/stage-model.js';
import { stageModelOptions } from '../../stages/stage-model-options.js';
import type { EvalOptions } from './eval-options.js';
import { landmarkSets } from './landmark-sets.js';
import { openEvalDetector } from './open-eval-detector.js';
import { round4 as r4 } from './round4.js';

function bboxOf(points: Float32Array): [number, number, number, number] {
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    x1 = Math.min(x1, points[i]!);
    x2 = Math.max(x2, points[i]!);
    y1 = Math.min(y1, points[i + 1]!);
    y2 = Math.max(y2, points[i + 1]!);
  }
  return [x1, y1, x2, y2];
}

/**
 * Landmark protocol (as in ASSETS.md): detector boxes on each annotated image, each ground-truth
 * face paired with the detection of highest IoU against its box (or, for .pts ground truth, the
 * bounding box of its points): IoU >= 0.3 (box) / 0.2 (points) or the face counts as missed;
 * NME normalised by the outer-eye-corner distance, 98-point models mapped to 68.
 *
 * ## Example
 * ```ts
 * await evalLandmarks({ ...options, task: 'landmarks', data: ['shared/data/landmarks/menpo'] }); // { task: 'landmarks', nme: ..., perRegion: {...} }
 * ```
 * @throws {UsageError} when a data path does not exist.
 */
export async function evalLandmarks(options: EvalOptions): Promise<Record<string, unknown>> {
  const sets = await landmarkSets(options.data);
  const det = await openEvalDetector(options);
  const m = await stageModel(options.landmarks, options.int8, { task: 'landmarks', flag: '--landmarks', family: options.landmarksFamily });
  const lm = await createLandmarkDetector({ model: m.model, workers: 0, ...(m.model !== m.base && modelRegistry.get(m.base) ? { preset: m.base as LandmarkPresetId } : stageModelOptions(m).landmarks) });
  try {
    const pairs: LandmarkPair[] = [];
    const missed: string[] = [];
    for (const ann of sets) {
      const frame = await readImage(ann.image);
      const dets = await det.detect(frame);
      const chosen: Face[] = [];
      const truths: Float32Array[] = [];
      ann.faces.forEach((gt, k) => {
        const ref = gt.box ?? bboxOf(gt.landmarks);
        let best = -1;
        let bestIou = 0;
        dets.forEach((d, j) => {
          const v = boxIou(Float32Array.from(d.box), 0, Float32Array.from(ref), 0);
          if (v > bestIou) {
            bestIou = v;
            best = j;
          }
        });
        if (best < 0 || bestIou < (gt.box ? 0.3 : 0.2)) missed.push(`${path.basename(ann.image)}#${k}`);
        else {
          chosen.push(dets[best]!);
          truths.push(gt.landmarks);
        }
      });
      if (chosen.length === 0) continue;
      const out = await lm.detect(frame, chosen);
      out.forEach((f, i) => {
        if (f.landmarks) pairs.push({ predicted: f.landmarks, truth: truths[i]! });
        else missed.push(`${path.basename(ann.image)} (no landmarks)`);
      });
    }
    const ev = evaluateLandmarks(pairs);
    return {
      task: 'landmarks',
      model: lm.modelId,
      detector: det.model,
      faces: ev.count,
      missed: missed.length,
      nme: r4(ev.nme),
      medianNme: r4(ev.medianNme),
      failureRate: r4(ev.failureRate),
      perRegion: Object.fromEntries(Object.entries(ev.perRegion).map(([k, v]) => [k, r4(v)])),
    };
  } finally {
    await det.dispose();
    await lm.dispose();
  }
}

