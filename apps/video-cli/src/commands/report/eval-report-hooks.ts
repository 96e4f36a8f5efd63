import type { DetectionEvaluation } from '@facepipe/detector';
import type { LandmarkEvaluation } from '@facepipe/landmarks';
import type { MaskEvaluation } from '@facepipe/segmentation';
import { cedReport } from './ced-report.js';
import { iouHistogramReport } from './iou-histogram-report.js';
import { prCurveReport } from './pr-curve-report.js';
import type { EvalReport } from './report-data.js';

export { writeEvalReport } from './write-eval-report.js';

/** Receives the standard curve of an evaluation when `eval --report` is on. */
export type CurveSink = (curve: EvalReport['curve']) => void;

/**
 * The standard curve of each eval task, from the package evaluators' results: detect → PR curve
 * with AP, landmarks → CED of NME up to 0.1 (AUC, failure rate), segment → histogram of per-image
 * IoU at model resolution (the reference protocol).
 *
 * ## Example
 * ```ts
 * curve?.(evalCurve.detect(evaluateDetections(preds, images)));
 * ```
 */
export const evalCurve = {
  detect: (ev: DetectionEvaluation): EvalReport['curve'] => prCurveReport(ev.curve, ev.ap),
  landmarks: (ev: LandmarkEvaluation): EvalReport['curve'] => cedReport([...ev.perFace], 0.1),
  segment: (ev: MaskEvaluation): EvalReport['curve'] => iouHistogramReport(ev.perImage.map((p) => p.iouModel)),
};
