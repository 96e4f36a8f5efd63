import path from 'node:path';
import { readImage } from '@facepipe/core';
import { evaluateLandmarks, LandmarkDetector, matchFacesToTruth, type LandmarkPair } from '@facepipe/landmarks';
import { stageModel } from '../../stages/stage-model.js';
import { stageModelOptions } from '../../stages/stage-model-options.js';
import type { EvalOptions } from './eval-options.js';
import { landmarkSets } from './landmark-sets.js';
import { openEvalDetector } from './open-eval-detector.js';
import { round4 as r4 } from './round4.js';
import { evalCurve, type CurveSink } from '../report/eval-report-hooks.js';

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
export async function evalLandmarks(options: EvalOptions, curve?: CurveSink): Promise<Record<string, unknown>> {
  const sets = await landmarkSets(options.data);
  const det = await openEvalDetector(options);
  const m = await stageModel(options.landmarks, options.int8, { task: 'landmarks', flag: '--landmarks', family: options.landmarksFamily });
  const lm = await LandmarkDetector.create({ model: m.model, workers: 0, ...stageModelOptions(m).landmarks });
  try {
    const pairs: LandmarkPair[] = [];
    const missed: string[] = [];
    for (const ann of sets) {
      const frame = await readImage(ann.image);
      const dets = await det.detect(frame);
      const { matched, missed: lost } = matchFacesToTruth(dets, ann.faces);
      for (const m of lost) missed.push(`${path.basename(ann.image)}#${m.truthIndex}`);
      const chosen = matched.map((m) => m.face);
      const truths = matched.map((m) => m.truth.landmarks);
      if (chosen.length === 0) continue;
      const out = await lm.detect(frame, chosen);
      out.forEach((f, i) => {
        if (f.landmarks) pairs.push({ predicted: f.landmarks, truth: truths[i]! });
        else missed.push(`${path.basename(ann.image)} (no landmarks)`);
      });
    }
    const ev = evaluateLandmarks(pairs);
    curve?.(evalCurve.landmarks(ev));
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

