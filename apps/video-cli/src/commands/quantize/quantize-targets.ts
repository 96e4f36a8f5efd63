import { DEFAULT_POSE_MODELS } from '@facepipe/landmarks';
import type { Stage } from '../../shared/option-parsers.js';

/**
 * The models `facepipe quantize --all` makes int8 variants of: those the chosen stages open in
 * `run --int8` (the detector, the landmark model, both FSA-Net models for pose, the segmenter), each once.
 *
 * ## Example
 * ```ts
 * quantizeTargets(['detect', 'pose'], { detector: 'ultraface-rfb-320', landmarks: 'pfld-ghostone-98', segmenter: 'prisma-unet-256' });
 * // ['ultraface-rfb-320', 'fsanet-1x1', 'fsanet-var']
 * ```
 */
export function quantizeTargets(stages: readonly Stage[], models: { readonly detector: string; readonly landmarks: string; readonly segmenter: string }): string[] {
  const ids: string[] = [];
  if (stages.includes('detect')) ids.push(models.detector);
  if (stages.includes('landmarks')) ids.push(models.landmarks);
  if (stages.includes('pose')) ids.push(...DEFAULT_POSE_MODELS);
  if (stages.includes('segment')) ids.push(models.segmenter);
  return [...new Set(ids)];
}
