/**
 * A problem with how the CLI was called (bad value, missing input, conflicting flags). The CLI
 * prints its message on one line followed by a usage hint and exits with code 2.
 *
 * Deliberately a plain `Error` subclass (not core's `FacepipeError`): `main.ts` checks for it, and
 * importing `@facepipe/core` there would load onnxruntime and sharp for `--help`.
 *
 * ## Example
 * ```ts
 * throw new UsageError('--every and --fps cannot be used together');
 * ```
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
