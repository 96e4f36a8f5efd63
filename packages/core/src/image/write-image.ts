import path from 'node:path';
import { loadSharp } from '../shared/lazy-import.js';
import { assertInteger, assertObject, assertString, expectedMessage } from '../shared/assert.js';
import { assertImage } from './crop-image.js';
import { EncoderError } from '../shared/errors.js';
import type { ImageData8 } from '../tensor/image.js';

/** Options of {@link writeImage}. */
export interface WriteImageOptions {
  /** JPEG/WebP quality 1..100 (default 90); ignored for PNG. */
  readonly quality?: number;
}

const FORMATS: Record<string, 'png' | 'jpeg' | 'webp'> = { '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg', '.webp': 'webp' };

/**
 * Write an 8-bit image (grey, RGB or RGBA; a {@link Frame} works) to a PNG, JPEG or WebP file,
 * the format chosen by the extension. PNG is lossless; JPEG drops alpha.
 *
 * ## Example
 * ```ts
 * await writeImage(frame, 'out/frame-0001.png');
 * ```
 * @param image The image to write.
 * @param file Destination path ending in `.png`, `.jpg`, `.jpeg` or `.webp` (case-insensitive).
 * @param options JPEG/WebP quality.
 * @throws {RangeError} for an unsupported extension or quality.
 * @throws {EncoderError} naming the path and sharp's message when encoding or writing fails (e.g. missing directory).
 */
export async function writeImage(image: ImageData8, file: string, options: WriteImageOptions = {}): Promise<void> {
  assertImage(image, 'image');
  assertString(file, 'file');
  assertObject(options, 'options');
  const ext = path.extname(file).toLowerCase();
  const format = FORMATS[ext];
  if (!format) throw new RangeError(expectedMessage('file', 'a path ending in .png, .jpg, .jpeg or .webp', file));
  const quality = options.quality ?? 90;
  assertInteger(quality, 'quality', 1, 100);
  const sharp = await loadSharp();
  try {
    let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });
    // single-band input would otherwise be written as sRGB
    if (image.channels === 1) pipeline = pipeline.toColourspace('b-w');
    pipeline = format === 'png' ? pipeline.png() : format === 'jpeg' ? pipeline.jpeg({ quality }) : pipeline.webp({ quality });
    await pipeline.toFile(file);
  } catch (err) {
    throw new EncoderError(`Could not write ${format.toUpperCase()} image`, file, (err as Error).message, { cause: err });
  }
}
