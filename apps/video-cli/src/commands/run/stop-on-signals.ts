import { busyWorkerCount } from '@facepipe/core';
import { EXIT } from '../../shared/exit.js';

/** The signals that stop a run: Ctrl-C, `kill`, and a closed terminal. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Options of {@link stopOnSignals}. */
export interface StopOnSignalsOptions {
  /** Synchronous cleanup on a forced exit, run at the second signal and again just before exiting (the run removes its partial outputs here). */
  readonly onForce?: () => void;
  /**
   * Whether the exit must wait: onnxruntime inside a native call that an exit would abort, or the
   * run still removing its partials (default: `busyWorkerCount() > 0`).
   */
  readonly busy?: () => boolean;
  /** How the process ends (default `process.exit`). */
  readonly exit?: (code: number) => void;
  /** Where the one-line notice of a forced exit goes (default stderr). */
  readonly notice?: (line: string) => void;
  /** Longest wait for `busy()` to clear before exiting anyway (default 15 s). */
  readonly maxWaitMs?: number;
}

/**
 * Turn SIGINT/SIGTERM/SIGHUP into `abort.abort(signal)` for a clean stop. A second signal forces
 * the exit: `onForce` runs at once (partial outputs removed), then the process exits with 130 as
 * soon as no inference worker is inside onnxruntime (an exit under a native call aborts the
 * process with `Napi::Error`; the wait is at most the runs already queued). A third signal exits
 * without waiting. Returns the function that removes the handlers (unless a signal came: then they
 * stay until the process ends, so a late second signal still exits with 130).
 *
 * ## Example
 * ```ts
 * const abort = new AbortController();
 * const release = stopOnSignals(abort, { onForce: () => removePartials() });
 * try { ... abort.signal ... } finally { release(); }
 * ```
 */
export function stopOnSignals(abort: AbortController, options: StopOnSignalsOptions = {}): () => void {
  const busy = options.busy ?? (() => busyWorkerCount() > 0);
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const notice = options.notice ?? ((line: string) => process.stderr.write(`${line}\n`));
  const maxWaitMs = options.maxWaitMs ?? 15_000;
  let signalCount = 0;
  let timer: NodeJS.Timeout | undefined;
  const onSignal = (sig: NodeJS.Signals): void => {
    signalCount++;
    if (signalCount === 1) {
      abort.abort(sig);
      return;
    }
    if (signalCount > 2) {
      exit(EXIT.interrupted);
      return;
    }
    try {
      options.onForce?.();
    } finally {
      const t0 = Date.now();
      const tryExit = (): void => {
        if (busy() && Date.now() - t0 <= maxWaitMs) {
          timer = setTimeout(tryExit, 10);
          return;
        }
        options.onForce?.(); // again: a partial may have been created while waiting
        exit(EXIT.interrupted);
      };
      if (busy()) notice(`${sig} again: partial outputs removed; exiting once onnxruntime finishes its current call`);
      tryExit();
    }
  };
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  return () => {
    // once stopping, the handlers stay until the process ends: a late second signal still exits 130
    // (with no handler it would kill the process by the signal)
    if (signalCount > 0) return;
    clearTimeout(timer);
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
  };
}
