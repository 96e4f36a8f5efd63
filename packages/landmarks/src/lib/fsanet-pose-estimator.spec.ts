import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createFrame, DisposedError, liveSessionCount, ModelLoadError, ShapeMismatchError, type Face, type Frame } from '@facepipe/core';
import { FsanetPoseEstimator } from './fsanet-pose-estimator.js';
import { loadEvalFaces, type EvalFace } from '../test-support/eval-faces.js';

function mirror(frame: Frame): Frame {
  const { width: w, height: h, data } = frame;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = (y * w + x) * 3, d = (y * w + (w - 1 - x)) * 3;
      out[d] = data[s]!; out[d + 1] = data[s + 1]!; out[d + 2] = data[s + 2]!;
    }
  }
  return createFrame({ data: out, width: w, height: h });
}

describe('FsanetPoseEstimator', () => {
  let faces: EvalFace[] = [];
  let fsa: FsanetPoseEstimator;
  const before = liveSessionCount();
  beforeAll(async () => {
    ({ faces } = await loadEvalFaces());
    fsa = await FsanetPoseEstimator.create({ workers: 0 });
  });
  afterAll(async () => {
    await fsa.dispose();
    expect(liveSessionCount()).toBe(before);
  });

  it('mirroring a face negates yaw and roll and keeps pitch (within 3 degrees on average; the 29 shared faces)', async () => {
    const mirrored = new Map<Frame, Frame>();
    const err = { yaw: [] as number[], pitch: [] as number[], roll: [] as number[] };
    for (const f of faces) {
      if (!mirrored.has(f.frame)) mirrored.set(f.frame, mirror(f.frame));
      const m = mirrored.get(f.frame)!;
      // integer box: its crop is exactly the mirror image of the mirrored box's crop
      const [x1, y1, x2, y2] = f.face.box.map(Math.round) as [number, number, number, number];
      const a = await fsa.estimateBox(f.frame, [x1, y1, x2, y2]);
      const b = await fsa.estimateBox(m, [f.frame.width - x2, y1, f.frame.width - x1, y2]);
      err.yaw.push(Math.abs(a.yaw + b.yaw));
      err.pitch.push(Math.abs(a.pitch - b.pitch));
      err.roll.push(Math.abs(a.roll + b.roll));
    }
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const max = (v: number[]) => Math.max(...v);
    console.log(
      `[pose] FSA-Net mirror consistency over ${faces.length} faces: |yaw+yaw'| mean ${mean(err.yaw).toFixed(2)} max ${max(err.yaw).toFixed(2)}; ` +
        `|pitch-pitch'| mean ${mean(err.pitch).toFixed(2)} max ${max(err.pitch).toFixed(2)}; |roll+roll'| mean ${mean(err.roll).toFixed(2)} max ${max(err.roll).toFixed(2)} (deg)`,
    );
    expect(mean(err.yaw)).toBeLessThanOrEqual(3);
    expect(mean(err.pitch)).toBeLessThanOrEqual(3);
    expect(mean(err.roll)).toBeLessThanOrEqual(3);
  });

  it('estimate() sets pose on new Face objects and skips tiny or non-finite boxes', async () => {
    const f = faces.find((x) => x.file.startsWith('einstein'))!;
    const input: Face[] = [f.face, { box: [0, 0, 4, 4], score: 1 }, { box: [0, 0, Number.POSITIVE_INFINITY, 10], score: 1 }];
    const out = await fsa.estimate(f.frame, input);
    expect(out[0]).not.toBe(input[0]);
    expect(out[0]!.box).toEqual(input[0]!.box);
    expect(Object.values(out[0]!.pose!).every(Number.isFinite)).toBe(true);
    expect(out[1]).toBe(input[1]);
    expect(out[2]).toBe(input[2]);
    console.log(`[pose] FSA-Net einstein: yaw ${out[0]!.pose!.yaw.toFixed(1)} pitch ${out[0]!.pose!.pitch.toFixed(1)} roll ${out[0]!.pose!.roll.toFixed(1)}`);
  });

  it('both heads and all faces of a frame go in one run, with the same poses as one face at a time', async () => {
    expect(fsa.batched).toBe(true);
    const img = faces.find((f) => f.file.startsWith('2007_007763'))!.frame;
    const same = faces.filter((f) => f.frame === img).map((f) => f.face);
    expect(same.length).toBeGreaterThanOrEqual(5);
    const all = await fsa.estimate(img, same);
    for (const [k, face] of same.entries()) {
      const one = await fsa.estimateBox(img, face.box);
      const p = all[k]!.pose!;
      expect(Math.max(Math.abs(one.yaw - p.yaw), Math.abs(one.pitch - p.pitch), Math.abs(one.roll - p.roll))).toBeLessThan(1e-3);
    }
  });

  it('rejects bad boxes and use after dispose', async () => {
    const f = faces[0]!;
    await expect(fsa.estimateBox(f.frame, [10, 10, 5, 20])).rejects.toThrow(/Expected `box` to be four finite numbers/);
    await expect(fsa.estimateBox(f.frame, [Number.NaN, 0, 5, 20])).rejects.toBeInstanceOf(RangeError);
    const other = await FsanetPoseEstimator.create({ workers: 0 });
    await other.dispose();
    await expect(other.estimateBox(f.frame, f.face.box)).rejects.toThrow(new DisposedError('FsanetPoseEstimator', 'fsanet-1x1, fsanet-var'));
    await expect(other.estimate(f.frame, [f.face])).rejects.toBeInstanceOf(DisposedError);
  });

  it('refuses a model that is not FSA-Net, and unknown models', async () => {
    await expect(FsanetPoseEstimator.create({ models: ['pfld-ghostone-98'], workers: 0 })).rejects.toBeInstanceOf(ShapeMismatchError);
    await expect(FsanetPoseEstimator.create({ models: ['no-such-model'], workers: 0 })).rejects.toBeInstanceOf(ModelLoadError);
  });
});
