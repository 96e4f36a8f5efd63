/**
 * Process exit codes used by the CLI.
 *
 * ## Example
 * ```ts
 * process.exitCode = failed > 0 ? EXIT.failed : EXIT.ok; // 1 or 0
 * ```
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;
