import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cropImage, imageToTensor, modelRegistry, readImage, resizeImage, type ImageData8, type PrepareInputScratch } from '@facepipe/core';
import { faceCropRect } from './face-crop-rect.js';
import { faceCropToTensor } from './face-crop-to-tensor.js';

const shared = process.env.FACEPIPE_SHARED!;
let photo: ImageData8;
beforeAll(async () => {
  photo = await readImage(path.join(shared, 'data/faces/dlib_pascal/images/2008_001322.jpg'));
});

/** What the landmark detector and FSA-Net did before sharing this path: crop (black outside), resize, normalise. */
function reference(image: ImageData8, box: readonly [number, number, number, number], id: string, shape: 'square' | 'box', scale: number, kernel: 'bicubic' | 'bilinear'): Float32Array {
  const input = modelRegistry.get(id)!.input;
  const crop = cropImage(image, faceCropRect(box, { shape, scale }), { fill: 'constant', value: 0 });
  return imageToTensor(resizeImage(crop, input.width, input.height, { kernel }), { mean: input.mean, std: input.std, channelOrder: input.channelOrder }).data;
}

const sameBits = (a: Float32Array, b: Float32Array) => a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('faceCropToTensor', () => {
  const boxes: [number, number, number, number][] = [
    [150.3, 60.8, 231.9, 161.2],
    [-20, -15, 40.5, 52], // leaves the frame top-left
    [10, 10, 18.4, 30], // tall and tiny
  ];
  it('matches the former PFLD (square, bicubic) and FSA-Net (box x1.2, bilinear) crops bit for bit', () => {
    const scratch: PrepareInputScratch = {};
    const batch = new Float32Array(boxes.length * 3 * 112 * 112);
    boxes.forEach((box, k) => {
      const plane = 3 * 112 * 112;
      const out = batch.subarray(k * plane, (k + 1) * plane);
      const pfld = faceCropToTensor(photo, box, modelRegistry.get('pfld-ghostone-98')!.input, { policy: { shape: 'square', scale: 1 }, resampler: 'bicubic', out, scratch });
      expect(pfld.tensor.data).toBe(out);
      expect(pfld.tensor.dims).toEqual([1, 3, 112, 112]);
      expect(pfld.rect).toEqual(faceCropRect(box, { shape: 'square', scale: 1 }));
      expect(sameBits(pfld.tensor.data, reference(photo, box, 'pfld-ghostone-98', 'square', 1, 'bicubic'))).toBe(true);
      const fsa = faceCropToTensor(photo, box, modelRegistry.get('fsanet-1x1')!.input, { policy: { shape: 'box', scale: 1.2 }, resampler: 'bilinear', scratch });
      expect(fsa.tensor.dims).toEqual([1, 3, 64, 64]);
      expect(sameBits(fsa.tensor.data, reference(photo, box, 'fsanet-1x1', 'box', 1.2, 'bilinear'))).toBe(true);
    });
    // the black outside the frame: the top-left crop's first pixel is (0 - 0.5) / 0.5 = -1 in every plane
    expect(batch[3 * 112 * 112]).toBe(-1);
  });

  it('rejects a box that is not four finite increasing numbers, naming it', () => {
    const input = modelRegistry.get('pfld-ghostone-98')!.input;
    const policy = { shape: 'square', scale: 1 } as const;
    expect(() => faceCropToTensor(photo, [10, 10, 5, 20], input, { policy })).toThrow(/`box`.*x2 > x1/);
    expect(() => faceCropToTensor(photo, [Number.NaN, 0, 5, 5], input, { policy })).toThrow(RangeError);
    expect(() => faceCropToTensor(photo, [0, 0, 5, 5], input, { policy: undefined as never })).toThrow(/`options.policy`/);
  });
});
