import { DEFAULT_MODELS } from '../../shared/defaults.js';
import type { Stage } from '../../shared/option-parsers.js';
import type { StagePipelineOptions } from '../../stages/create-stage-pipeline.js';

/** Models and settings of a benchmark run. */
export interface BenchSettings {
  readonly stages: readonly Stage[];
  readonly detector?: string;
  readonly landmarks?: string;
  readonly segmenter?: string;
  readonly int8?: boolean;
  readonly workers: number;
  /** Intra-op threads per session (default: core's, cores / workers). */
  readonly threads?: number;
  /** Frames in flight per stage (default: the CLI's, workers + 1). */
  readonly concurrency?: number;
}

/**
 * The stage-pipeline options of a benchmark run (defaults: the CLI's default models, FSA-Net pose).
 *
 * ## Example
 * ```ts
 * benchPipelineOptions({ stages: ['detect'], workers: 2 }).detector; // 'ultraface-rfb-320'
 * ```
 */
export function benchPipelineOptions(s: BenchSettings): StagePipelineOptions {
  return {
    stages: s.stages,
    detector: s.detector ?? DEFAULT_MODELS.detector,
    landmarks: s.landmarks ?? DEFAULT_MODELS.landmarks,
    pose: 'fsanet',
    segmenter: s.segmenter ?? DEFAULT_MODELS.segmenter,
    int8: s.int8 ?? false,
    workers: s.workers,
    ...(s.threads !== undefined ? { threads: s.threads } : {}),
    ...(s.concurrency !== undefined ? { concurrency: s.concurrency } : {}),
  };
}
