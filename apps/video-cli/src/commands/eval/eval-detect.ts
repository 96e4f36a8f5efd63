import { loadFaceAnnotations, readImage, type AnnotatedImage } from '@facepipe/core';
import { evaluateDetections, type Face } from '@facepipe/detector';
import { dataFile } from './data-file.js';
import type { EvalOptions } from './eval-options.js';
import { openEvalDetector } from './open-eval-detector.js';
import { round4 as r4 } from './round4.js';
import { evalCurve, type CurveSink } from '../report/eval-report-hooks.js';

/**
 * `facepipe eval detect`: the detector on every annotated image of the faces-v1 `--data` files,
 * matched at `--iou`, faces under `--min-size` ignored.
 *
 * ## Example
 * ```ts
 * await evalDetect({ ...options, task: 'detect', data: ['faces/annotations.json'] });
 * // { task: 'detect', recall: 1, precision: 0.9643, ap: 0.99, ... }
 * ```
 * @throws {UsageError} when a data path does not exist.
 */
export async function evalDetect(options: EvalOptions, curve?: CurveSink): Promise<Record<string, unknown>> {
  const images: AnnotatedImage[] = [];
  for (const d of options.data) images.push(...(await loadFaceAnnotations(dataFile(d, 'annotations.json'))).images);
  const det = await openEvalDetector(options);
  try {
    const preds: Face[][] = [];
    for (const im of images) preds.push(await det.detect(await readImage(im.path)));
    const ev = evaluateDetections(preds, images, { iou: options.iou, minSize: options.minSize, minDetectionSize: Math.min(16, options.minSize) });
    curve?.(evalCurve.detect(ev));
    return {
      task: 'detect',
      model: det.model,
      images: images.length,
      iou: options.iou,
      minSize: options.minSize,
      recall: r4(ev.recall),
      precision: r4(ev.precision),
      ap: r4(ev.ap),
      truePositives: ev.truePositives,
      falsePositives: ev.falsePositives,
      groundTruth: ev.groundTruth,
      ignoredGroundTruth: ev.ignoredGroundTruth,
    };
  } finally {
    await det.dispose();
  }
}

