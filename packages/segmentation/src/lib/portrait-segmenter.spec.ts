import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFrame, DisposedError, liveSessionCount, ModelLoadError, readImage, ShapeMismatchError, modelRegistry, type Frame } from '@facepipe/core';
import { PortraitSegmenter } from './portrait-segmenter.js';

const shared = process.env.FACEPIPE_SHARED!;
const models = process.env.FACEPIPE_MODELS!;

describe('PortraitSegmenter', () => {
  let seg: PortraitSegmenter;
  let photo: Frame;
  const sessions0 = liveSessionCount();
  beforeAll(async () => {
    seg = await PortraitSegmenter.create({ workers: 0, intraOpThreads: 1 });
    photo = await readImage(path.join(shared, 'data/segmentation/hsd/images/101.jpg'));
  });
  afterAll(async () => {
    await seg.dispose();
    await seg.dispose(); // idempotent
    expect(liveSessionCount()).toBe(sessions0);
  });

  it('defaults to prisma-unet-256 and returns a frame-size soft mask', async () => {
    expect(seg.modelId).toBe('prisma-unet-256');
    expect(seg.config.input.width).toBe(256);
    const mask = await seg.segment(photo);
    expect(mask.width).toBe(photo.width);
    expect(mask.height).toBe(photo.height);
    expect(mask.data.length).toBe(photo.width * photo.height);
    expect(mask.coverage).toBeGreaterThan(0.25);
    expect(mask.coverage).toBeLessThan(0.9);
    // soft alpha: some intermediate values along the edge
    let mid = 0;
    for (const v of mask.data) if (v > 10 && v < 245) mid++;
    expect(mid).toBeGreaterThan(0);
  });

  it('the three input policies give consistent masks at frame size', async () => {
    const base = await seg.segment(photo);
    for (const inputPolicy of ['letterbox', 'pad-to-multiple'] as const) {
      const other = await PortraitSegmenter.create({ workers: 0, intraOpThreads: 1, inputPolicy, threshold: 0.5 });
      try {
        const m = await other.segment(photo);
        expect(m.width).toBe(photo.width);
        let agree = 0;
        for (let i = 0; i < m.data.length; i++) if ((m.data[i]! >= 128) === (base.data[i]! >= 128)) agree++;
        expect(agree / m.data.length).toBeGreaterThan(0.9);
      } finally {
        await other.dispose();
      }
    }
  });

  it('reads 2-channel logits (deeplab-mnv2-513 baseline) and SINet softmax through the same adapter', async () => {
    const base = await seg.segment(photo);
    for (const model of ['deeplab-mnv2-513', 'sinet-320']) {
      const other = await PortraitSegmenter.create({ model, workers: 0, intraOpThreads: 1 });
      try {
        const m = await other.segment(photo);
        let agree = 0;
        for (let i = 0; i < m.data.length; i++) if ((m.data[i]! >= 128) === (base.data[i]! >= 128)) agree++;
        expect(agree / m.data.length).toBeGreaterThan(0.85);
        expect(Math.abs(m.coverage - base.coverage)).toBeLessThan(0.15);
      } finally {
        await other.dispose();
      }
    }
  });

  it('rejects grayscale and RGBA images with a named error', async () => {
    const gray = { width: 4, height: 4, channels: 1 as const, data: new Uint8Array(16) };
    const rgba = { width: 4, height: 4, channels: 4 as const, data: new Uint8Array(64) };
    await expect(seg.segment(gray)).rejects.toThrow(ShapeMismatchError);
    await expect(seg.segment(gray)).rejects.toThrow(/1 \(grayscale\)/);
    await expect(seg.segment(rgba)).rejects.toThrow(/4 \(RGBA\)/);
    await expect(seg.segment({ width: 4, height: 4, channels: 3, data: new Uint8Array(10) })).rejects.toThrow(ShapeMismatchError);
  });

  it('rejects models with an unexpected layout or the wrong task', async () => {
    // a face detector is not a segmentation model
    await expect(PortraitSegmenter.create({ model: 'ultraface-rfb-320', workers: 0 })).rejects.toThrow(ModelLoadError);
    // DeepLab (2-channel logits) described as a 1-channel sigmoid head
    const deeplab = path.join(models, 'segmentation/deeplab_mnv2_dm05_513_nchw.onnx');
    const prisma = modelRegistry.get('prisma-unet-256')!;
    const input = { ...prisma.input, name: 'MobilenetV2/MobilenetV2/input:0', width: 513, height: 513 };
    await expect(
      PortraitSegmenter.create({ model: deeplab, workers: 0, config: { input, head: { kind: 'segmentation', output: 'transpose:0', activation: 'sigmoid', personChannel: 0 } } }),
    ).rejects.toThrow(ShapeMismatchError);
    // wrong output name
    await expect(
      PortraitSegmenter.create({ model: deeplab, workers: 0, config: { input, head: { kind: 'segmentation', output: 'permute_2', activation: 'sigmoid', personChannel: 0 } } }),
    ).rejects.toThrow(/no output named "permute_2"/);
    // wrong input size: SINet is 320x320
    const sinet = modelRegistry.get('sinet-320')!;
    await expect(
      PortraitSegmenter.create({ model: 'sinet-320', workers: 0, config: { input: { ...sinet.input, width: 256, height: 256 }, head: sinet.head as never } }),
    ).rejects.toThrow(/Expected input "data" of model sinet-320 to be \[N, 3, 256, 256\]/);
    // a file the registry does not know, without config
    const unknown = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'seg-')), 'my-model.onnx');
    fs.symlinkSync(path.join(models, 'segmentation/prisma-net_256_nchw.onnx'), unknown);
    await expect(PortraitSegmenter.create({ model: unknown, workers: 0 })).rejects.toThrow(/pass `config`/);
    const custom = await PortraitSegmenter.create({ model: unknown, workers: 0, config: { input: prisma.input, head: prisma.head as never } });
    expect(custom.modelId).toBe('my-model.onnx');
    await custom.dispose();
    expect(liveSessionCount()).toBe(sessions0 + 1);
  });

  it('validates options at the boundary', async () => {
    await expect(PortraitSegmenter.create({ inputPolicy: 'stretch' as never })).rejects.toThrow(/Expected `inputPolicy` to be one of/);
    await expect(PortraitSegmenter.create({ threshold: 2 })).rejects.toThrow(RangeError);
    await expect(PortraitSegmenter.create({ feather: -1 })).rejects.toThrow(RangeError);
    await expect(PortraitSegmenter.create({ workers: 1.5 })).rejects.toThrow(RangeError);
    await expect(PortraitSegmenter.create({ modelDirs: 'models' as never })).rejects.toThrow('Expected `modelDirs` to be an array of non-empty strings, got `models` (string)');
  });

  it('finds registry models in the given modelDirs, and use after dispose throws DisposedError', async () => {
    const seg = await PortraitSegmenter.create({ model: 'sinet-320', modelDirs: [path.join(models, 'segmentation')], workers: 0 });
    expect(seg.workers).toBe(0);
    await seg.dispose();
    await expect(seg.infer(createFrame({ width: 8, height: 8, data: new Uint8Array(8 * 8 * 3) }))).rejects.toBeInstanceOf(DisposedError);
  });
});
