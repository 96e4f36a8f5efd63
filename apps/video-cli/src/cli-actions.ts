import { prewarmInferenceWorkers } from '@facepipe/core/prewarm';
import { sessionKinds } from './stages/session-kinds.js';
import type { BenchAction } from './commands/bench/bench-options.js';
import type { EvalAction } from './commands/eval/eval-options.js';
import type { ModelsAction } from './commands/models/models-options.js';
import type { QuantizeAction } from './commands/quantize/quantize-options.js';
import type { RunAction } from './commands/run/run-options.js';
import type { ReportAction } from './commands/report/report-options.js';
import type { StatusAction } from './commands/status/status-options.js';
import type { SubmitAction } from './commands/submit/submit-options.js';
import type { WorkerAction } from './commands/worker/worker-options.js';

/** What each command does; `buildProgram` calls these after parsing. Each resolves to an exit code. */
export interface CliActions {
  run: RunAction;
  eval: EvalAction;
  quantize: QuantizeAction;
  bench: BenchAction;
  models: ModelsAction;
  report: ReportAction;
  submit: SubmitAction;
  worker: WorkerAction;
  status: StatusAction;
}

/**
 * The real command implementations, loaded on first use so `--help` and argument errors stay fast
 * (no onnxruntime or sharp load).
 *
 * ## Example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), cliActions);
 * ```
 */
export const cliActions: CliActions = {
  run: async (inputs, options) => {
    // start-up: the inference workers start loading onnxruntime now, while the pipeline's modules load
    if (options.workers > 0) prewarmInferenceWorkers(sessionKinds(options).length * options.workers);
    return (await import('./commands/run/run-action.js')).runAction(inputs, options);
  },
  eval: async (options) => (await import('./commands/eval/eval-action.js')).evalAction(options),
  quantize: async (options) => (await import('./commands/quantize/quantize-action.js')).quantizeAction(options),
  bench: async (options) => (await import('./commands/bench/bench-action.js')).benchAction(options),
  models: async (options) => (await import('./commands/models/models-action.js')).modelsAction(options),
  report: async (outDir) => (await import('./commands/report/report-action.js')).reportAction(outDir),
  submit: async (inputs, options) => (await import('./commands/submit/submit-action.js')).submitAction(inputs, options),
  worker: async (options) => (await import('./commands/worker/worker-action.js')).workerAction(options),
  status: async (options) => (await import('./commands/status/status-action.js')).statusAction(options),
};
