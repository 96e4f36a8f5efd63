import { FacepipeError } from '@facepipe/core';

/**
 * The run was stopped by SIGINT/SIGTERM while an input was being processed; its partial outputs
 * were removed.
 *
 * ## Example
 * ```ts
 * if (err instanceof InterruptedError) process.exitCode = 130;
 * ```
 */
export class InterruptedError extends FacepipeError {
  constructor(readonly signal: string = 'SIGINT') {
    super(`interrupted by ${signal}`);
  }
}
