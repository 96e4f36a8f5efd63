import path from 'node:path';
import sharp from 'sharp';
import { imageToTensor } from '../image/image-to-tensor.js';
import type { Tensor } from '../tensor/tensor.js';

/** Values of one PFLD 112x112 RGB input plane set (3 x 112 x 112). */
export const PFLD_PLANE = 3 * 112 * 112;

/** Real photos (faces) of `../shared/data/photos` resized to PFLD's 112x112 input, one after the other in one buffer: a batch of `files.length`. */
export async function pfldPhotoBatch(files: readonly string[]): Promise<Float32Array> {
  const shared = process.env.FACEPIPE_SHARED!;
  const out = new Float32Array(files.length * PFLD_PLANE);
  for (const [k, file] of files.entries()) {
    const { data, info } = await sharp(path.join(shared, 'data/photos', file)).removeAlpha().resize(112, 112, { fit: 'cover' }).raw().toBuffer({ resolveWithObject: true });
    out.set(imageToTensor({ data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 }, { mean: 0, std: 255 }).data, k * PFLD_PLANE);
  }
  return out;
}

/** The feeds of a PFLD batch made by {@link pfldPhotoBatch}. */
export const pfldFeed = (data: Float32Array): { input: Tensor } => ({ input: { type: 'float32', dims: [data.length / PFLD_PLANE, 3, 112, 112], data } });
