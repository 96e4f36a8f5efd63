import { FacepipeError } from '@facepipe/core';

/**
 * A problem with how the CLI was called (bad value, missing input, conflicting flags). The CLI
 * prints its message on one line followed by the command's usage and exits with code 2.
 *
 * ## Example
 * ```ts
 * throw new UsageError('--every and --fps cannot be used together');
 * ```
 */
export class UsageError extends FacepipeError {}
