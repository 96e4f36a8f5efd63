import type { Stage } from './option-parsers.js';

/** Options of `facepipe run`, as parsed from the command line. */
export interface RunOptions {
  readonly stages: readonly Stage[];
  readonly detector: string;
  readonly landmarks: string;
  readonly pose: 'fsanet' | 'pnp' | 'model';
  readonly segmenter: string;
  readonly int8: boolean;
  readonly every?: number;
  readonly fps?: number;
  readonly workers: number;
  /** onnxruntime intra-op threads per session (default: cores / workers). */
  readonly threads?: number;
  /** Frames in flight per stage (default workers + 1). */
  readonly concurrency?: number;
  readonly out: string;
  readonly annotate: boolean;
  readonly masks: boolean;
  readonly skipExisting: boolean;
  readonly recursive: boolean;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly maxInFlight: number;
  /** Stop after this many frames per input (testing and previews). */
  readonly maxFrames?: number;
}

/** Options of `facepipe eval <task>`. */
export interface EvalOptions {
  readonly task: 'detect' | 'landmarks' | 'segment' | 'track';
  /** Annotation files or folders (several are pooled); for `track`, MOTChallenge sequences or gt.txt files. */
  readonly data: readonly string[];
  readonly detector: string;
  readonly landmarks: string;
  readonly segmenter: string;
  readonly int8: boolean;
  readonly iou: number;
  readonly minSize: number;
  readonly threshold?: number;
  /** `track`: the video the ground truth annotates (default: found beside gt.txt). */
  readonly video?: string;
  /** `track`: score this `facepipe run` JSONL instead of running the detector and tracker. */
  readonly predictions?: string;
}

/** Options of `facepipe quantize <model>`. */
export interface QuantizeOptions {
  readonly model: string;
  readonly calib: string;
  readonly method: 'minmax' | 'percentile' | 'entropy';
  readonly out?: string;
  readonly report?: string;
  readonly maxImages?: number;
}

/** Options of `facepipe bench [video]`. */
export interface BenchOptions {
  readonly video?: string;
  readonly stages: readonly Stage[];
  readonly detector: string;
  readonly landmarks: string;
  readonly segmenter: string;
  readonly int8: boolean;
  readonly workers: number;
  readonly threads?: number;
  readonly concurrency?: number;
  readonly frames?: number;
}

/** Options of `facepipe models <action>`. */
export interface ModelsOptions {
  readonly action: 'list' | 'verify' | 'fetch';
  readonly ids: readonly string[];
  readonly json: boolean;
}

/** What each command does; `buildProgram` calls these after parsing. Each resolves to an exit code. */
export interface CliActions {
  run(inputs: readonly string[], options: RunOptions): Promise<number>;
  eval(options: EvalOptions): Promise<number>;
  quantize(options: QuantizeOptions): Promise<number>;
  bench(options: BenchOptions): Promise<number>;
  models(options: ModelsOptions): Promise<number>;
}

/** Process exit codes used by the CLI. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;
