/**
 * An output file could not be written (disk full, folder removed, no permission); the message names
 * the output and the system's reason, which Node's own write errors leave without a path.
 *
 * ## Example
 * ```ts
 * new OutputWriteError('out/clip.jsonl', Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })).message;
 * // 'Could not write out/clip.jsonl: ENOSPC: no space left on device, write'
 * ```
 */
export class OutputWriteError extends Error {
  /** The system error code (`ENOSPC`, `EACCES`, ...), when there is one. */
  readonly code: string | undefined;

  constructor(
    /** The output that could not be written. */
    readonly path: string,
    cause: unknown,
  ) {
    super(`Could not write ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'OutputWriteError';
    this.code = (cause as { code?: unknown } | null)?.code === undefined ? undefined : String((cause as { code: unknown }).code);
  }
}
