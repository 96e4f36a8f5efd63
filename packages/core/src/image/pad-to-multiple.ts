import { assertInteger } from '../shared/assert.js';
import { assertImage } from './crop-image.js';
import type { FillMode, ImageData8 } from '../tensor/image.js';
import { padImage } from './pad-image.js';

/** Options of {@link padToMultiple}. */
export interface PadToMultipleOptions {
  /** Border fill (default `'constant'`). */
  readonly mode?: FillMode;
  /** Constant fill value, one number or one per channel (default 0). */
  readonly value?: number | readonly number[];
  /** Preallocated output of the padded size (ignored when no padding is needed). */
  readonly out?: Uint8Array;
}

/** Result of {@link padToMultiple}. */
export interface PaddedImage {
  /** The padded image (the source itself when its size is already a multiple). */
  readonly image: ImageData8;
  /** Columns added on the right. */
  readonly right: number;
  /** Rows added at the bottom. */
  readonly bottom: number;
}

/**
 * Pad an image on the right and bottom so both sides are multiples of `multiple` (e.g. 32 for
 * YuNet's dynamic input). Content stays at the top-left, so detections need no offset correction.
 * When no padding is needed the source is returned as is (not copied).
 *
 * ## Example
 * ```ts
 * const { image, right, bottom } = padToMultiple(frame, 32); // 1280x720 -> 1280x736
 * right;  // 0
 * bottom; // 16
 * ```
 * @param src Source image.
 * @param multiple Integer >= 1.
 * @param options Fill mode and value (see {@link padImage}).
 * @throws {RangeError} for a non-integer or non-positive `multiple`.
 */
export function padToMultiple(src: ImageData8, multiple: number, options: PadToMultipleOptions = {}): PaddedImage {
  assertImage(src, 'src');
  assertInteger(multiple, 'multiple', 1);
  const right = (multiple - (src.width % multiple)) % multiple;
  const bottom = (multiple - (src.height % multiple)) % multiple;
  if (right === 0 && bottom === 0) return { image: src, right, bottom };
  return { image: padImage(src, { right, bottom }, options), right, bottom };
}
