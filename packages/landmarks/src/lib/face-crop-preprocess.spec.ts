import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cropImage, imageToTensor, liveSessionCount, modelRegistry, readImage, resizeImage } from '@facepipe/core';
import { FaceDetector } from '@facepipe/detector';
import { faceCropPreprocess } from './face-crop-preprocess.js';
import { faceCropRect } from './face-crop-rect.js';

const shared = process.env.FACEPIPE_SHARED!;

describe('faceCropPreprocess (calibration inputs for landmark models)', () => {
  it('gives one PFLD input per UltraFace face >= 40 px, bit-identical to the former quantize implementation', async () => {
    const sessions = liveSessionCount();
    const input = modelRegistry.get('pfld-ghostone-98')!.input;
    const frame = await readImage(path.join(shared, 'data/photos/fr_two_people.jpg'));
    const detector = await FaceDetector.create({ model: 'ultraface-rfb-320', workers: 0 });
    const crops = await faceCropPreprocess({ input, detector });
    try {
      const got = await crops.preprocess(frame);
      const faces = (await detector.detect(frame)).filter((f) => Math.min(f.box[2] - f.box[0], f.box[3] - f.box[1]) >= 40);
      expect(faces.length).toBeGreaterThanOrEqual(2);
      expect(got).toHaveLength(faces.length);
      faces.forEach((face, k) => {
        // the former quantize face-crop-preprocess.ts computation
        const crop = resizeImage(cropImage(frame, faceCropRect(face.box, { shape: 'square', scale: 1 })), input.width, input.height, { kernel: 'bicubic' });
        const ref = imageToTensor(crop, { mean: input.mean, std: input.std, channelOrder: input.channelOrder });
        expect(got[k]!.dims).toEqual([1, 3, 112, 112]);
        expect(Buffer.from(got[k]!.data.buffer).equals(Buffer.from(ref.data.buffer))).toBe(true);
      });
      expect(new Set(got.map((t) => t.data)).size).toBe(got.length); // every sample owns its data
    } finally {
      await detector.dispose();
    }
    expect(liveSessionCount()).toBe(sessions);
    await expect(faceCropPreprocess({ input, detector, cropScale: 0 })).rejects.toThrow(/`cropScale`/);
    await expect(faceCropPreprocess({ input } as never)).rejects.toThrow(/Expected `detector` to be an object with a detect\(image\) method/);
  });
});
