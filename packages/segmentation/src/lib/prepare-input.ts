import { letterboxImage, padToMultiple, resizeImage, type ImageData8 } from '@facepipe/core';

/** How a frame is fitted to a fixed network input. */
export type InputPolicy = 'squash' | 'letterbox' | 'pad-to-multiple';
/** Fill of the padded area: replicate the border (`'edge'`) or a constant value. */
export type PaddingMode = 'edge' | 'constant';

/** A network-size image and where the frame's content sits in it (top-left region, network pixels). */
export interface PreparedInput {
  readonly image: ImageData8;
  /** Width/height of the frame's content inside `image` (the rest is padding); may be fractional. */
  readonly contentWidth: number;
  readonly contentHeight: number;
}

/**
 * Fit an RGB image to the network's `width x height` under an input policy:
 * - `'squash'`: bilinear resize ignoring aspect;
 * - `'letterbox'`: keep aspect, scale to fit, pad right/bottom with `pad.mode`;
 * - `'pad-to-multiple'`: pad right/bottom to a multiple of `pad.multiple`, then resize to the input.
 *
 * ## Example
 * ```ts
 * const { image, contentWidth, contentHeight } = prepareInput(frame, 256, 256, 'letterbox', { mode: 'edge', value: 0, multiple: 32 });
 * ```
 * @throws {RangeError} for invalid sizes (from the core kernels).
 */
export function prepareInput(image: ImageData8, width: number, height: number, policy: InputPolicy, pad: { mode: PaddingMode; value: number; multiple: number }): PreparedInput {
  if (policy === 'letterbox') {
    const lb = letterboxImage(image, width, height, { mode: pad.mode, value: pad.value });
    return { image: lb.image, contentWidth: lb.contentWidth, contentHeight: lb.contentHeight };
  }
  if (policy === 'pad-to-multiple') {
    const padded = padToMultiple(image, pad.multiple, { mode: pad.mode, value: pad.value });
    const pw = padded.image.width;
    const ph = padded.image.height;
    const resized = pw === width && ph === height ? padded.image : resizeImage(padded.image, width, height);
    return { image: resized, contentWidth: (image.width * width) / pw, contentHeight: (image.height * height) / ph };
  }
  const resized = image.width === width && image.height === height ? image : resizeImage(image, width, height);
  return { image: resized, contentWidth: width, contentHeight: height };
}
