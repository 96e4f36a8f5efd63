import { dimFits, type HeadSignature, lastDim, type ModelHead } from '@facepipe/core';

/** Landmark-model decoding facts: point count, output names, crop scale and an optional pose output. */
export interface LandmarkHead extends ModelHead {
  readonly kind: 'landmarks';
  readonly points: 68 | 98;
  readonly output: string;
  /** Crop side = max(w, h) * cropScale around the detector box. */
  readonly cropScale: number;
  readonly pose?: { readonly output: string; readonly unit: 'degrees' | 'radians' };
}

/** True when `head` is a landmark head. */
export const isLandmarkHead = (head: ModelHead): head is LandmarkHead => head.kind === 'landmarks';

/** The outputs a landmark head reads: `output` [.., 2 * points] and the pose output when it has one (for `identifyModel`). */
export const landmarkSignature: HeadSignature = (head, outputs) => {
  if (!isLandmarkHead(head)) return false;
  const out = outputs.find((o) => o.name === head.output);
  return !!out && dimFits(lastDim(out), 2 * head.points) && (!head.pose || outputs.some((o) => o.name === head.pose!.output));
};
