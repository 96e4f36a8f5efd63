import { loadSharp } from '../shared/lazy-import.js';
import { assertInteger, assertObject } from '../shared/assert.js';
import { assertImage } from './crop-image.js';
import { EncoderError } from '../shared/errors.js';
import type { ImageData8 } from '../tensor/image.js';

/** Options of {@link encodePng}. */
export interface EncodePngOptions {
  /** zlib level 0 (fastest, biggest) .. 9 (default 6). The pixels are lossless at every level. */
  readonly compressionLevel?: number;
}

/**
 * Encode an 8-bit image (grey, RGB or RGBA) as a PNG in memory with sharp. Lossless: decoding the
 * result gives back the same bytes.
 *
 * ## Example
 * ```ts
 * const png = await encodePng(frame);
 * png.subarray(1, 4).toString(); // 'PNG'
 * ```
 * @param image The image to encode.
 * @param options zlib compression level.
 * @returns The PNG file bytes.
 * @throws {EncoderError} when sharp fails (`output` is `'<buffer>'`).
 * @throws {RangeError} for a malformed image or compression level.
 */
export async function encodePng(image: ImageData8, options: EncodePngOptions = {}): Promise<Buffer> {
  assertImage(image, 'image');
  assertObject(options, 'options');
  const compressionLevel = options.compressionLevel ?? 6;
  assertInteger(compressionLevel, 'compressionLevel', 0, 9);
  const sharp = await loadSharp();
  try {
    const pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });
    // single-band input would otherwise be written as sRGB
    if (image.channels === 1) pipeline.toColourspace('b-w');
    return await pipeline.png({ compressionLevel }).toBuffer();
  } catch (err) {
    throw new EncoderError('Could not encode PNG', '<buffer>', (err as Error).message, { cause: err });
  }
}
