import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { imageToTensor } from './image-to-tensor.js';
import { createInferencePool, liveWorkerCount } from './inference-pool.js';
import { createSessionRunner } from './session-runner.js';
import type { Tensor } from './tensor.js';

const shared = process.env.FACEPIPE_SHARED!;
const model = path.join(shared, 'models/ultraface/version-RFB-320.onnx');

async function photoTensor(file: string): Promise<Tensor<'float32'>> {
  const { data, info } = await sharp(path.join(shared, 'data/photos', file)).removeAlpha().resize(320, 240, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
  return imageToTensor({ data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 }, { mean: 127, std: 128 });
}

describe('createInferencePool', () => {
  const before = liveWorkerCount();
  afterAll(() => expect(liveWorkerCount()).toBe(before));

  it('gives outputs identical to an in-process session on a real photo (RFB-320)', async () => {
    const local = await createSessionRunner(model, { intraOpThreads: 1 }); // same threading as a pool worker: bit-identical
    const pool = await createInferencePool(model, { workers: 2 });
    try {
      for (const file of ['fr_obama-480p.jpg', 'ghostone_duo.jpg', 'fr_two_people.jpg']) {
        const t = await photoTensor(file);
        const a = await local.run({ input: t }, { copyInputs: true });
        const b = await pool.run({ input: t });
        expect(b.scores!.dims).toEqual([1, 4420, 2]);
        expect(Array.from(b.scores!.data as Float32Array)).toEqual(Array.from(a.scores!.data as Float32Array));
        expect(Array.from(b.boxes!.data as Float32Array)).toEqual(Array.from(a.boxes!.data as Float32Array));
        expect(t.data.byteLength).toBe(0); // transferred, not copied
      }
    } finally {
      await local.dispose();
      await pool.dispose();
    }
  });

  it('resolves results in call order across workers', async () => {
    const pool = await createInferencePool(model, { workers: 2 });
    const t = await photoTensor('fr_biden.jpg');
    const order: number[] = [];
    await Promise.all(Array.from({ length: 8 }, (_, i) => pool.run({ input: t }, { copyInputs: true }).then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    await pool.dispose();
  });
});
