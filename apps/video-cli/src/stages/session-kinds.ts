import type { RunOptions } from '../commands/run/run-options.js';

/** The onnxruntime sessions a pipeline can open: one per model (FSA-Net's two heads are one merged session). */
export type SessionKind = 'detect' | 'landmarks' | 'fsanet' | 'segment';

const ORDER: readonly SessionKind[] = ['detect', 'landmarks', 'fsanet', 'segment'];

/**
 * The sessions `createStagePipeline` opens for these stages, in a fixed order: landmarks also for
 * `--pose pnp|model` (pose from the landmarks), FSA-Net for `--pose fsanet`. Imports nothing at run
 * time, so the command line can count its inference workers before loading the pipeline's code.
 *
 * ## Example
 * ```ts
 * sessionKinds({ stages: ['detect', 'pose'], pose: 'fsanet' }); // ['detect', 'fsanet']
 * ```
 */
export function sessionKinds(options: Pick<RunOptions, 'stages' | 'pose'>): SessionKind[] {
  const stages = new Set(options.stages);
  const wanted: Record<SessionKind, boolean> = {
    detect: stages.has('detect'),
    landmarks: stages.has('landmarks') || (stages.has('pose') && options.pose !== 'fsanet'),
    fsanet: stages.has('pose') && options.pose === 'fsanet',
    segment: stages.has('segment'),
  };
  return ORDER.filter((k) => wanted[k]);
}
