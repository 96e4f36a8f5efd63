import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecoderError } from '../shared/errors.js';
import { readImage } from './read-image.js';

const photos = path.join(process.env.FACEPIPE_SHARED!, 'data/photos');
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-read-image-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function decodeError(file: string): Promise<DecoderError> {
  const err = await readImage(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DecoderError);
  return err as DecoderError;
}

describe('readImage', () => {
  it('decodes the encoded bytes (Buffer and plain Uint8Array) to the same pixels as the file', async () => {
    const file = path.join(photos, 'fr_biden.jpg');
    const fromFile = await readImage(file);
    const bytes = fs.readFileSync(file);
    const fromBuffer = await readImage(bytes);
    expect(fromBuffer).toMatchObject({ width: fromFile.width, height: fromFile.height, sourceId: `<buffer of ${bytes.length} bytes>` });
    expect(Buffer.from(fromBuffer.data).equals(Buffer.from(fromFile.data))).toBe(true);
    const plain = new Uint8Array(bytes.byteLength);
    plain.set(bytes);
    const fromPlain = await readImage(plain, { sourceId: 'upload-1' });
    expect(fromPlain.sourceId).toBe('upload-1');
    expect(Buffer.from(fromPlain.data).equals(Buffer.from(fromFile.data))).toBe(true);
  });

  it('a file: URL (string or URL) reads the file', async () => {
    const file = path.join(photos, 'fr_biden.jpg');
    const { pathToFileURL } = await import('node:url');
    const url = pathToFileURL(file);
    expect((await readImage(url)).sourceId).toBe(file);
    expect((await readImage(url.href)).width).toBe((await readImage(file)).width);
  });

  it('bad bytes and bad types: errors that name the input, never binary garbage', async () => {
    const junk = Buffer.from('definitely not an image, just text bytes');
    const err = await readImage(junk).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecoderError);
    expect((err as Error).message).toMatch(/^Could not decode image: <buffer of 40 bytes>\n/);
    const empty = await readImage(new Uint8Array(0)).catch((e: unknown) => e);
    expect((empty as Error).message).toBe('Image buffer is empty (0 bytes): <buffer of 0 bytes>');
    await expect(readImage(42 as unknown as string)).rejects.toThrow(new TypeError('Expected `image` to be a file path, a file: URL, a Buffer or a Uint8Array, got `42` (number)'));
    await expect(readImage(new URL('https://example.invalid/a.jpg'))).rejects.toThrow(TypeError);
  });

  it('decodes a real JPEG into an RGB24 frame', async () => {
    const file = path.join(photos, 'fr_obama-480p.jpg');
    const frame = await readImage(file);
    expect(frame).toMatchObject({ width: 853, height: 480, channels: 3, index: 0, timeMs: 0, sourceId: file });
    expect(frame.data).toBeInstanceOf(Uint8Array);
    expect(frame.data.length).toBe(853 * 480 * 3);
    // same pixels as sharp's own decode
    const ref = await sharp(file).removeAlpha().raw().toBuffer();
    expect(Buffer.from(frame.data).equals(ref)).toBe(true);
    let sum = 0;
    for (const v of frame.data) sum += v;
    console.log(`fr_obama-480p.jpg: ${frame.width}x${frame.height}, ${frame.data.length} bytes, mean level ${(sum / frame.data.length).toFixed(2)}`);
    expect(sum / frame.data.length).toBeGreaterThan(20);
    expect(Object.isFrozen(frame)).toBe(true);
  });

  it('applies EXIF orientation 6 (width and height swap, content rotated 90 degrees clockwise)', async () => {
    // 40x20 stored image: left half red, right half blue
    const w = 40, h = 20;
    const raw = Buffer.alloc(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set(x < w / 2 ? [255, 0, 0] : [0, 0, 255], (y * w + x) * 3);
    const file = path.join(tmp, 'rotated.jpg');
    await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toFile(file);
    expect((await sharp(file).metadata()).orientation).toBe(6);
    const frame = await readImage(file, { sourceId: 'cam0' });
    expect([frame.width, frame.height, frame.sourceId]).toEqual([20, 40, 'cam0']);
    // rotated clockwise: the stored left (red) half is now the top half
    const at = (x: number, y: number) => Array.from(frame.data.subarray((y * frame.width + x) * 3, (y * frame.width + x) * 3 + 3));
    expect(at(10, 5)[0]).toBeGreaterThan(200);
    expect(at(10, 5)[2]).toBeLessThan(60);
    expect(at(10, 35)[2]).toBeGreaterThan(200);
    expect(at(10, 35)[0]).toBeLessThan(60);
  });

  it('converts grey and RGBA PNGs to 3 channels', async () => {
    const grey = path.join(tmp, 'grey.png');
    await sharp(Buffer.from([0, 128, 255, 64]), { raw: { width: 2, height: 2, channels: 1 } }).toColourspace('b-w').png().toFile(grey);
    const g = await readImage(grey);
    expect(Array.from(g.data)).toEqual([0, 0, 0, 128, 128, 128, 255, 255, 255, 64, 64, 64]);
    const rgba = path.join(tmp, 'rgba.png');
    await sharp(Buffer.from([10, 20, 30, 0, 40, 50, 60, 255]), { raw: { width: 2, height: 1, channels: 4 } }).png().toFile(rgba);
    expect(Array.from((await readImage(rgba)).data)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('reports a missing file with its path', async () => {
    const file = path.join(tmp, 'nope.jpg');
    const err = await decodeError(file);
    expect(err.name).toBe('DecoderError');
    expect(err.input).toBe(file);
    expect(err.message).toContain(file);
    expect(err.message).toContain('not found');
    expect(err.detail).toContain('ENOENT');
  });

  it("reports a zero-byte file with its path and sharp's message", async () => {
    const file = path.join(tmp, 'empty.jpg');
    fs.writeFileSync(file, '');
    const err = await decodeError(file);
    expect(err.message).toContain('empty (0 bytes)');
    expect(err.message).toContain(file);
    expect(err.detail).toMatch(/unsupported image format/);
    expect(err.message).toContain(err.detail!);
  });

  it("reports garbage bytes named .jpg with its path and sharp's message", async () => {
    const file = path.join(tmp, 'garbage.jpg');
    fs.writeFileSync(file, Buffer.from('definitely not a JPEG, just some text pretending to be one'));
    const err = await decodeError(file);
    expect(err.message).toContain('Could not decode image');
    expect(err.message).toContain(file);
    expect(err.detail).toMatch(/unsupported image format/);
    expect(err.cause).toBeInstanceOf(Error);
  });

  it('reports a truncated real JPEG', async () => {
    const bytes = fs.readFileSync(path.join(photos, 'ghostone_duo.jpg'));
    const file = path.join(tmp, 'truncated.jpg');
    fs.writeFileSync(file, bytes.subarray(0, bytes.length >> 1));
    const err = await decodeError(file);
    expect(err.message).toContain(file);
    console.log(`truncated JPEG -> sharp says: ${err.detail}`);
    expect(err.detail!.length).toBeGreaterThan(0);
  });

  it('rejects a directory', async () => {
    const err = await decodeError(tmp);
    expect(err.message).toContain('not a file');
  });
});
