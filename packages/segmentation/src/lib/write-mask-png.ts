import { encodePng, writeImage } from '@facepipe/core';
import type { Mask } from './mask.js';
import { maskToImage } from './mask-to-image.js';

/**
 * Write a mask as an 8-bit grayscale PNG (0 = background, 255 = person), or return the PNG bytes
 * when no path is given.
 *
 * ## Example
 * ```ts
 * await writeMaskPng(mask, 'out/mask-0001.png');
 * const png = await writeMaskPng(mask); // Buffer
 * ```
 * @throws {ShapeMismatchError} for a malformed mask.
 * @throws {EncoderError} when the file cannot be written.
 */
export async function writeMaskPng(mask: Mask, file: string): Promise<void>;
export async function writeMaskPng(mask: Mask): Promise<Buffer>;
export async function writeMaskPng(mask: Mask, file?: string): Promise<void | Buffer> {
  const image = maskToImage(mask);
  if (file === undefined) return encodePng(image);
  await writeImage(image, file);
}
