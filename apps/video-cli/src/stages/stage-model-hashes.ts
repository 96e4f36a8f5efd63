import { resolveModel, sha256File } from '@facepipe/core';
import type { StagePipelineOptions } from './create-stage-pipeline.js';
import { int8Variants } from './int8-variants.js';
import { stageModel, type StageModelIdentity } from './stage-model.js';

/**
 * The model file of every role a run's stages use (detector, landmarks, segmenter, fsanet-1x1,
 * fsanet-var; the int8 variants with `int8`), with its sha256: what `--skip-existing` compares to
 * tell whether earlier outputs came from the same models. Files are resolved as
 * `createStagePipeline` resolves them; registry files already verified against their recorded hash
 * are not hashed again.
 *
 * ## Example
 * ```ts
 * await stageModelHashes({ stages: ['detect'], detector: 'ultraface-rfb-320', int8: false, ... });
 * // { detector: { model: 'ultraface-rfb-320', sha256: '…' } }
 * ```
 * @throws {ModelLoadError} when a model cannot be found (as opening it would).
 */
export async function stageModelHashes(options: Pick<StagePipelineOptions, 'stages' | 'detector' | 'landmarks' | 'pose' | 'segmenter' | 'int8'>): Promise<Record<string, { model: string; sha256: string }>> {
  const stages = new Set(options.stages);
  const roles: [string, string, StageModelIdentity?][] = [];
  if (stages.has('detect')) roles.push(['detector', options.detector, { task: 'face-detection', flag: '--detector' }]);
  if (stages.has('landmarks') || (stages.has('pose') && options.pose !== 'fsanet')) roles.push(['landmarks', options.landmarks, { task: 'landmarks', flag: '--landmarks' }]);
  if (stages.has('pose') && options.pose === 'fsanet') roles.push(['fsanet-1x1', 'fsanet-1x1'], ['fsanet-var', 'fsanet-var']);
  if (stages.has('segment')) roles.push(['segmenter', options.segmenter, { task: 'segmentation', flag: '--segmenter' }]);
  // every missing int8 file in one error (one line each), before any single lookup fails on the first
  if (options.int8) await int8Variants(roles.map(([, idOrPath]) => idOrPath));
  const out: Record<string, { model: string; sha256: string }> = {};
  for (const [role, idOrPath, identity] of roles) {
    const m = await stageModel(idOrPath, options.int8, identity);
    const resolved = await resolveModel(m.model);
    const sha256 = resolved.verified && resolved.spec?.sha256 ? resolved.spec.sha256 : await sha256File(resolved.path);
    out[role] = { model: m.model, sha256 };
  }
  return out;
}
