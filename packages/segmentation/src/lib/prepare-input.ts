import { resizeBilinear, type ImageData8 } from '@facepipe/core';

/** How a frame is fitted to a fixed network input. */
export type InputPolicy = 'squash' | 'letterbox' | 'pad-to-multiple';
/** Fill of the padded area: replicate the border (`'edge'`) or a constant value. */
export type PaddingMode = 'edge' | 'constant';

/** A network-size image and where the frame's content sits in it (top-left region, network pixels). */
export interface PreparedInput {
  readonly image: ImageData8;
  readonly contentWidth: number;
  readonly contentHeight: number;
}

/**
 * Fit an RGB image to `width x height` under a policy (internal helper of the segmenter).
 */
export function prepareInput(image: ImageData8, width: number, height: number, policy: InputPolicy, pad: { mode: PaddingMode; value: number; multiple: number }): PreparedInput {
  void pad;
  if (policy === 'squash') return { image: resizeBilinear(image, width, height), contentWidth: width, contentHeight: height };
  throw new RangeError(`input policy ${policy} not available yet`);
}
