import { checkModelSpec, modelRegistry, type ModelSpec } from '@facepipe/core';
import { describe, expect, it } from 'vitest';
import { isHeadPoseHead } from './fsanet/fsanet-models.js';
import { isLandmarkHead } from './landmark-head.js';
import { LANDMARKS_MODELS } from './landmarks-models.js';

const outputsOf = (spec: ModelSpec): readonly string[] =>
  isLandmarkHead(spec.head) ? [spec.head.output, ...(spec.head.pose ? [spec.head.pose.output] : [])] : isHeadPoseHead(spec.head) ? [spec.head.output] : [];

describe('LANDMARKS_MODELS', () => {
  it('are registered by the package entry, with unique ids and files', () => {
    expect(LANDMARKS_MODELS.map((s) => s.id)).toEqual(['pfld-ghostone-98', 'pfld-ghostnet-slim-98', 'pfld-68', 'pfpld', 'fsanet-1x1', 'fsanet-var']);
    for (const spec of LANDMARKS_MODELS) expect(modelRegistry.get(spec.id), spec.id).toBe(spec);
    expect(new Set(LANDMARKS_MODELS.map((s) => s.file)).size).toBe(LANDMARKS_MODELS.length);
  });

  it("each spec's sha256, input name and size, and its head's output names match the real model file (pfpld: no file exists)", async () => {
    const checked = LANDMARKS_MODELS.filter((s) => s.sha256);
    expect(checked.map((s) => s.id)).not.toContain('pfpld');
    for (const spec of checked) await checkModelSpec(spec, outputsOf(spec));
    expect(checked).toHaveLength(5);
  });
});
