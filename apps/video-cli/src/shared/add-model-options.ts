import type { Command } from 'commander';
import { DEFAULT_MODELS, DEFAULT_WORKERS, MAX_WORKERS } from './defaults.js';
import type { ModelOptions, RuntimeOptions } from './model-options.js';
import { intArg } from './option-parsers.js';

/** What {@link addModelOptions} declares besides the model ids. */
export interface ModelFlagSet {
  /** Help text of `--int8` (it means "use" for run/bench, "evaluate" for eval). */
  readonly int8Help?: string;
  /** Also declare `--workers`, `--threads`, `--concurrency`. */
  readonly runtime?: boolean;
  /** Also declare `--detector-family`, `--landmarks-family`, `--segmenter-family` (commands that identify model files). */
  readonly families?: boolean;
}

/** The parsed values of the flags {@link addModelOptions} declares (runtime ones only with `runtime`). */
export type ParsedModelFlags = ModelOptions & Partial<Pick<RuntimeOptions, 'workers'>> & Pick<RuntimeOptions, 'threads' | 'concurrency'>;

/**
 * Declare the model flags every model-running command shares, in one place: `--detector`,
 * `--landmarks`, `--segmenter`, `--int8`, with `families` the `--<stage>-family` flags, and, with `runtime`, `--workers`, `--threads`,
 * `--concurrency` (same defaults and validation everywhere). Read them back with
 * {@link readModelOptions} / {@link readRuntimeOptions}.
 *
 * ## Example
 * ```ts
 * addModelOptions(new Command('bench'), { runtime: true }).parse(['--workers', '2'], { from: 'user' }).opts().workers; // 2
 * ```
 * @returns `cmd`, for chaining.
 */
export function addModelOptions(cmd: Command, flags: ModelFlagSet = {}): Command {
  cmd
    .option('--detector <id|path>', 'face detector model', DEFAULT_MODELS.detector)
    .option('--landmarks <id|path>', 'landmark model', DEFAULT_MODELS.landmarks)
    .option('--segmenter <id|path>', 'portrait segmentation model', DEFAULT_MODELS.segmenter)
    .option('--int8', flags.int8Help ?? 'use int8 variants: <stem>.int8.onnx in FACEPIPE_MODELS or the model cache (beside a model path), as written by `facepipe quantize`', false);
  if (flags.families) {
    cmd
      .option('--detector-family <id>', 'for a --detector file facepipe does not recognise (by sha256, then inputs/outputs): the registry model it is driven like')
      .option('--landmarks-family <id>', 'for a --landmarks file facepipe does not recognise: the registry model it is driven like')
      .option('--segmenter-family <id>', 'for a --segmenter file facepipe does not recognise: the registry model it is driven like (e.g. prisma-unet-256)');
  }
  if (flags.runtime) {
    cmd
      .option('--workers <n>', 'inference worker threads per model (0 = in the main thread)', intArg(0, MAX_WORKERS), DEFAULT_WORKERS)
      .option('--threads <n>', 'onnxruntime intra-op threads per model session (default: cores / workers)', intArg(1, 64))
      .option('--concurrency <n>', 'frames in flight per stage (default: workers + 1; output order is kept)', intArg(1, 64));
  }
  return cmd;
}
