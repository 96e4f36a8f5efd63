import type { BenchOptions } from './cli-options.js';
import { UsageError } from './usage-error.js';

/** `facepipe bench`: per-stage latency and end-to-end fps as JSON; resolves to the exit code. */
export async function benchCommand(options: BenchOptions): Promise<number> {
  throw new UsageError(`bench ${options.stages.join(',')} is not available in this build yet`);
}
