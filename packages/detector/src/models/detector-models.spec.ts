import { checkModelSpec, modelRegistry, type ModelSpec } from '@facepipe/core';
import { describe, expect, it } from 'vitest';
import { DETECTOR_MODELS } from './detector-models.js';
import { SCRFD_OUTPUTS } from './scrfd/scrfd-models.js';
import { isUltrafaceHead } from './ultraface/ultraface-models.js';
import { YUNET_OUTPUTS } from './yunet/decode.js';
import { isYunetHead } from './yunet/yunet-models.js';

/** The outputs each family's decoder reads (SCRFD: the names a decoder would read; none exists yet). */
const outputsOf = (spec: ModelSpec): readonly string[] =>
  isUltrafaceHead(spec.head) ? [spec.head.scores, spec.head.boxes] : isYunetHead(spec.head) ? YUNET_OUTPUTS : SCRFD_OUTPUTS;

describe('DETECTOR_MODELS', () => {
  it('are registered by the package entry, with unique ids and files', () => {
    expect(DETECTOR_MODELS.map((s) => s.id)).toEqual([
      'ultraface-rfb-320', 'ultraface-rfb-320-raw', 'ultraface-rfb-320-sim', 'ultraface-slim-320', 'ultraface-slim-320-raw', 'ultraface-slim-320-sim', 'ultraface-rfb-640',
      'yunet-640', 'yunet-320', 'yunet-dynamic', 'scrfd-500m',
    ]);
    for (const spec of DETECTOR_MODELS) expect(modelRegistry.get(spec.id), spec.id).toBe(spec);
    expect(new Set(DETECTOR_MODELS.map((s) => s.file)).size).toBe(DETECTOR_MODELS.length);
  });

  it("each spec's sha256, input name and size, and its head's output names match the real model file", async () => {
    for (const spec of DETECTOR_MODELS) await checkModelSpec(spec, outputsOf(spec));
  });
});
