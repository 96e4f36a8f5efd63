import { DecoderError, FfmpegNotFoundError, ModelLoadError, ShapeMismatchError } from '@facepipe/core';
import { UsageError } from '../shared/usage-error.js';

/**
 * Whether a failed job must not be retried: the input itself is bad (DecoderError: missing,
 * corrupt, truncated, not media), the job or its settings are malformed (TypeError, RangeError,
 * ShapeMismatchError, UsageError), or the model/ffmpeg cannot be loaded (ModelLoadError,
 * FfmpegNotFoundError). Everything else (Redis blips, ENOSPC and other I/O errors, a crashed
 * inference worker, encoder failures) counts as transient and is retried with backoff.
 *
 * ## Example
 * ```ts
 * if (isPermanentError(err)) throw new UnrecoverableError(errorLine(err));
 * ```
 */
export function isPermanentError(err: unknown): boolean {
  return (
    err instanceof DecoderError ||
    err instanceof ModelLoadError ||
    err instanceof FfmpegNotFoundError ||
    err instanceof ShapeMismatchError ||
    err instanceof UsageError ||
    err instanceof TypeError ||
    err instanceof RangeError
  );
}
