import type { EvalOptions } from './cli-options.js';
import { UsageError } from './usage-error.js';

/** `facepipe eval`: prints one JSON object of metrics on stdout; resolves to the exit code. */
export async function evalCommand(options: EvalOptions): Promise<number> {
  throw new UsageError(`eval ${options.task} is not available in this build yet`);
}
