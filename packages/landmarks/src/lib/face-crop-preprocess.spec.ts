import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { liveSessionCount, modelRegistry, prepareInput, readImage } from '@facepipe/core';
import { FaceDetector } from '@facepipe/detector';
import { faceCropPreprocess, stageFaceCrop } from './face-crop-preprocess.js';
import { FSANET_CROP_SCALE } from './fsanet-pose-estimator.js';
import { faceCropRect } from './face-crop-rect.js';

const shared = process.env.FACEPIPE_SHARED!;

describe('faceCropPreprocess (calibration inputs for landmark and head-pose models)', () => {
  it('gives one PFLD input per UltraFace face >= 40 px, bit-identical to the fused crop of the landmark stage (antialiased, bicubic when enlarging)', async () => {
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
        // what the landmark stage feeds the model: core's fused crop + resize + normalise of the square crop
        const region = faceCropRect(face.box, { shape: 'square', scale: 1 });
        const ref = prepareInput(frame, input, { fit: 'squash', region, resampler: 'area-bicubic' }).tensor;
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

  it('stageFaceCrop gives each registered model the crop of the stage that runs it; FSA-Net calibrates on its scaled box, resized as the pose stage does', async () => {
    expect(stageFaceCrop(modelRegistry.get('pfld-ghostone-98')!)).toEqual({ shape: 'square', cropScale: 1, resampler: 'area-bicubic' });
    expect(stageFaceCrop(modelRegistry.get('fsanet-var')!)).toEqual({ shape: 'box', cropScale: FSANET_CROP_SCALE, resampler: 'area' });
    expect(stageFaceCrop(modelRegistry.get('ultraface-rfb-320')!)).toEqual({}); // frames, not crops
    const spec = modelRegistry.get('fsanet-1x1')!;
    const frame = await readImage(path.join(shared, 'data/photos/fr_two_people.jpg'));
    const detector = await FaceDetector.create({ model: 'ultraface-rfb-320', workers: 0 });
    try {
      const got = await (await faceCropPreprocess({ input: spec.input, detector, ...stageFaceCrop(spec) })).preprocess(frame);
      const faces = (await detector.detect(frame)).filter((f) => Math.min(f.box[2] - f.box[0], f.box[3] - f.box[1]) >= 40);
      expect(got).toHaveLength(faces.length);
      faces.forEach((face, k) => {
        const region = faceCropRect(face.box, { shape: 'box', scale: 1.2 });
        expect(region.width).not.toBe(region.height); // a tight box, not squared
        const ref = prepareInput(frame, spec.input, { fit: 'squash', region, resampler: 'area' }).tensor;
        expect(got[k]!.dims).toEqual([1, 3, 64, 64]);
        expect(Buffer.from(got[k]!.data.buffer).equals(Buffer.from(ref.data.buffer))).toBe(true);
      });
    } finally {
      await detector.dispose();
    }
    await expect(faceCropPreprocess({ input: spec.input, detector, shape: 'circle' as never })).rejects.toThrow(/`shape`/);
  });
});
