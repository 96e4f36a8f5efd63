import path from 'node:path';
import { ModelLoadError } from '@facepipe/core';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../shared/usage-error.js';
import { stageModel } from './stage-model.js';

const models = process.env.FACEPIPE_MODELS!;
const segmenter = { task: 'segmentation', flag: '--segmenter', required: true } as const;

describe('stageModel', () => {
  it('identifies a model file by its sha256 and drives it like its registry model', async () => {
    const file = path.join(models, 'segmentation/SINet_Softmax_320.onnx');
    const m = await stageModel(file, false, segmenter);
    expect(m).toMatchObject({ model: file, base: file, identifiedBy: 'sha256' });
    expect(m.spec?.id).toBe('sinet-320');
    // a registry id needs no identification
    expect(await stageModel('sinet-320', false, segmenter)).toEqual({ model: 'sinet-320', base: 'sinet-320' });
  });

  it('refuses a file that is a registry model of another stage, naming both', async () => {
    const err = await stageModel(path.join(models, 'landmarks/pfld_68pt_cunjian.onnx'), false, segmenter).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    expect((err as Error).message).toMatch(/--segmenter .*pfld_68pt_cunjian\.onnx: this file is the registry model pfld-68 \(same sha256\), a landmarks model, not a segmentation model/);
  });

  it('checks a stated family: a registry model of the stage, and only for files', async () => {
    const file = path.join(models, 'segmentation/prisma-net_256_nchw.onnx');
    expect((await stageModel(file, false, { ...segmenter, family: 'sinet-320' })).spec?.id).toBe('sinet-320');
    await expect(stageModel(file, false, { ...segmenter, family: 'yunet-640' })).rejects.toThrow(UsageError);
    await expect(stageModel('prisma-unet-256', false, { ...segmenter, family: 'sinet-320' })).rejects.toThrow(/--segmenter-family is for model files/);
  });
});
