import fs from 'node:fs';
import path from 'node:path';
import { modelRegistry, rawGithubUrl, sha256File } from '@facepipe/core';
import { DETECTOR_MODELS } from '@facepipe/detector';
import { LANDMARKS_MODELS } from '@facepipe/landmarks';
import { SEGMENTATION_MODELS } from '@facepipe/segmentation';
import { describe, expect, it } from 'vitest';

const modelsRoot = process.env.FACEPIPE_MODELS!;

describe('the model registry filled by the stage packages', () => {
  it('holds every stage model once: ids and files unique across packages', () => {
    const all = [...DETECTOR_MODELS, ...LANDMARKS_MODELS, ...SEGMENTATION_MODELS];
    expect(all).toHaveLength(20);
    for (const spec of all) expect(modelRegistry.get(spec.id), spec.id).toBe(spec);
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    expect(new Set(all.map((s) => s.file)).size).toBe(all.length);
  });

  it('every model with a sha256 matches its file in shared/models (computed), with a URL pinned to a commit', async () => {
    const withHash = modelRegistry.list().filter((s) => s.sha256);
    expect(withHash.map((s) => s.id)).not.toContain('pfpld'); // the one model with no verified copy
    for (const spec of withHash) {
      const file = path.join(modelsRoot, spec.folder!, spec.file);
      expect(await sha256File(file), spec.id).toBe(spec.sha256);
      expect(fs.statSync(file).size, spec.id).toBe(spec.bytes);
      expect(spec.url, spec.id).toBe(rawGithubUrl(spec.source));
      expect(spec.source.commit, spec.id).toMatch(/^[0-9a-f]{40}$/); // pinned to a commit, not a branch
    }
    expect(withHash).toHaveLength(19);
  });
});
