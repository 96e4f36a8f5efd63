import { EXIT } from '../../shared/exit.js';

/**
 * Turn SIGINT/SIGTERM into `abort.abort(signal)` for a clean stop; a second signal exits the
 * process at once with code 130. Returns the function that removes the handlers.
 *
 * ## Example
 * ```ts
 * const abort = new AbortController();
 * const release = stopOnSignals(abort);
 * try { ... abort.signal ... } finally { release(); }
 * ```
 */
export function stopOnSignals(abort: AbortController): () => void {
  let signalCount = 0;
  const onSignal = (sig: NodeJS.Signals): void => {
    signalCount++;
    if (signalCount > 1) process.exit(EXIT.interrupted);
    abort.abort(sig);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
