import fs from 'node:fs';
import { modelRegistry } from '@facepipe/core';
import { UsageError } from './usage-error.js';

/**
 * Check a model argument before anything is opened: it must be a registry id or an existing file.
 * Anything else is a usage error (exit 2), like other bad flag values, naming the flag.
 *
 * ## Example
 * ```ts
 * checkModelArg('ultraface-rfb-320', '--detector'); // ok
 * checkModelArg('ultrafase', '--detector'); // UsageError: --detector 'ultrafase' is neither a model id ... nor a file
 * ```
 * @param value - the id or path given.
 * @param flag - the flag or argument it came from, for the message.
 * @throws {UsageError} when `value` is neither.
 */
export function checkModelArg(value: string, flag: string): void {
  if (modelRegistry.get(value) || fs.existsSync(value)) return;
  const ids = modelRegistry.list().map((s) => s.id);
  throw new UsageError(`${flag} '${value}' is neither a model id nor an existing file (ids: ${ids.join(', ')}; see 'facepipe models list')`);
}
