import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSharp } from '../shared/lazy-import.js';
import { DecoderError } from '../shared/errors.js';
import { createFrame, type Frame } from '../tensor/frame.js';

/** What {@link readImage} decodes: a path, a `file:` URL (string or `URL`), or the encoded bytes. */
export type ImageSource = string | URL | Uint8Array;

/** `file:` URLs to paths; anything else that is not a string, URL or byte array is a TypeError. */
function toPathOrBytes(input: unknown): string | Uint8Array {
  if (input instanceof Uint8Array) return input; // Buffer is a Uint8Array
  if (input instanceof URL || (typeof input === 'string' && /^file:/i.test(input))) {
    const url = input instanceof URL ? input : new URL(input);
    if (url.protocol !== 'file:') throw new TypeError(`Expected \`image\` URL to be a file: URL, got \`${url.href}\` (read other URLs into a Buffer first)`);
    return fileURLToPath(url);
  }
  if (typeof input === 'string' && input.length > 0) return input;
  const shown = typeof input === 'string' ? '""' : input === null ? 'null' : typeof input === 'object' ? Object.prototype.toString.call(input) : String(input);
  throw new TypeError(`Expected \`image\` to be a file path, a file: URL, a Buffer or a Uint8Array, got \`${shown}\` (${input === null ? 'null' : typeof input})`);
}

async function decode(source: string | Uint8Array, label: string, sourceId: string): Promise<Frame> {
  const sharp = await loadSharp();
  try {
    const { data, info } = await sharp(source, { failOn: 'error' }).rotate().toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels, expected 3`);
    return createFrame({ data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, sourceId });
  } catch (err) {
    throw new DecoderError('Could not decode image', label, (err as Error).message, { cause: err });
  }
}

/**
 * Read a JPEG/PNG/WebP (anything sharp decodes) into an RGB24 {@link Frame}, with EXIF orientation
 * applied and alpha dropped (composited over nothing: the colour channels are kept). The image is a
 * file path, a `file:` URL, or its encoded bytes (a `Buffer`/`Uint8Array`, e.g. an upload or a
 * `fetch` body).
 *
 * ## Example
 * ```ts
 * const frame = await readImage('photo.jpg');
 * frame.width; frame.height; frame.data.length === frame.width * frame.height * 3;
 * const same = await readImage(await fs.promises.readFile('photo.jpg')); // sourceId '<buffer of 51234 bytes>'
 * ```
 * @throws {TypeError} when `image` is none of those.
 * @throws {DecoderError} naming the path (or `<buffer of N bytes>`) and sharp's message when the
 * file is missing, empty or undecodable.
 */
export async function readImage(image: ImageSource, options: { sourceId?: string } = {}): Promise<Frame> {
  const input = toPathOrBytes(image);
  if (typeof input !== 'string') {
    const label = `<buffer of ${input.byteLength} bytes>`;
    if (input.byteLength === 0) throw new DecoderError('Image buffer is empty (0 bytes)', label);
    return decode(input, label, options.sourceId ?? label);
  }
  const file = input;
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch (err) {
    throw new DecoderError('Image file not found', file, (err as Error).message, { cause: err });
  }
  if (!stat.isFile()) throw new DecoderError('Image path is not a file', file);
  if (stat.size === 0) {
    // still ask sharp, so the error carries the decoder's own words like every other decode failure
    const sharp = await loadSharp();
    const detail = await sharp(file).metadata().then(
      () => undefined,
      (err: Error) => err.message,
    );
    throw new DecoderError('Image file is empty (0 bytes)', file, detail);
  }
  return decode(file, file, options.sourceId ?? file);
}
