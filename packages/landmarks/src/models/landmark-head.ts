import type { ModelHead } from '@facepipe/core';

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
