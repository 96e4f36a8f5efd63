import type { QuantizeOptions } from './cli-options.js';
import { UsageError } from './usage-error.js';

/** `facepipe quantize`: writes an int8 model; resolves to the exit code. */
export async function quantizeCommand(options: QuantizeOptions): Promise<number> {
  throw new UsageError(`quantize ${options.model} is not available in this build yet`);
}
