import fs from 'node:fs';
import sharp from 'sharp';
import { DecoderError } from '../shared/errors.js';
import { createFrame, type Frame } from '../tensor/frame.js';

/**
 * Read a JPEG/PNG/WebP (anything sharp decodes) into an RGB24 {@link Frame}, with EXIF orientation
 * applied and alpha dropped (composited over nothing: the colour channels are kept).
 *
 * ## Example
 * ```ts
 * const frame = await readImage('photo.jpg');
 * frame.width; frame.height; frame.data.length === frame.width * frame.height * 3;
 * ```
 * @throws {DecoderError} naming the path and sharp's message when the file is missing, empty or undecodable.
 */
export async function readImage(file: string, options: { sourceId?: string } = {}): Promise<Frame> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch (err) {
    throw new DecoderError('Image file not found', file, (err as Error).message, { cause: err });
  }
  if (!stat.isFile()) throw new DecoderError('Image path is not a file', file);
  if (stat.size === 0) {
    // still ask sharp, so the error carries the decoder's own words like every other decode failure
    const detail = await sharp(file).metadata().then(
      () => undefined,
      (err: Error) => err.message,
    );
    throw new DecoderError('Image file is empty (0 bytes)', file, detail);
  }
  try {
    const { data, info } = await sharp(file, { failOn: 'error' }).rotate().toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels, expected 3`);
    return createFrame({
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height,
      sourceId: options.sourceId ?? file,
    });
  } catch (err) {
    throw new DecoderError('Could not decode image', file, (err as Error).message, { cause: err });
  }
}
