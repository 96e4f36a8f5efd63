import type { ParsedModelFlags } from './add-model-options.js';
import type { RuntimeOptions } from './model-options.js';

/**
 * The {@link RuntimeOptions} out of a command's parsed options (declared by
 * `addModelOptions(cmd, { runtime: true })`); unset optional flags are left out, not `undefined`.
 *
 * ## Example
 * ```ts
 * readRuntimeOptions({ ...opts, workers: 2 }); // { workers: 2 }
 * ```
 */
export function readRuntimeOptions(opts: ParsedModelFlags): RuntimeOptions {
  return {
    workers: opts.workers ?? 1,
    ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
    ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
  };
}
