import { checkModelSpec, modelRegistry } from '@facepipe/core';
import { describe, expect, it } from 'vitest';
import { SEGMENTATION_PRESETS } from '../lib/segmentation-model.js';
import { SEGMENTATION_MODELS } from './segmentation-models.js';

describe('SEGMENTATION_MODELS', () => {
  it('are the presets, registered by the package entry', () => {
    expect(SEGMENTATION_MODELS.map((s) => s.id)).toEqual([...SEGMENTATION_PRESETS]);
    for (const spec of SEGMENTATION_MODELS) expect(modelRegistry.get(spec.id), spec.id).toBe(spec);
  });

  it("each spec's sha256, input name and size, and its head's output match the real model file", async () => {
    for (const spec of SEGMENTATION_MODELS) await checkModelSpec(spec, [spec.head.output]);
  });
});
