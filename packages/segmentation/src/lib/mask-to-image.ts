import { ShapeMismatchError, type ImageData8 } from '@facepipe/core';
import type { Mask } from './mask.js';

/**
 * View a mask as a 1-channel (grayscale) image: 0 = background, 255 = person. The pixel buffer is
 * shared, not copied.
 *
 * ## Example
 * ```ts
 * await writeImage(maskToImage(mask), 'mask.png'); // grayscale PNG
 * ```
 * @throws {ShapeMismatchError} when `mask.data` does not hold `width * height` bytes.
 */
export function maskToImage(mask: Mask): ImageData8 {
  if (!(mask.data instanceof Uint8Array) || mask.data.length !== mask.width * mask.height) {
    throw new ShapeMismatchError(`mask buffer of ${mask.width}x${mask.height}`, `${mask.width * mask.height} bytes`, `${mask.data?.length} bytes`);
  }
  return { width: mask.width, height: mask.height, channels: 1, data: mask.data };
}
