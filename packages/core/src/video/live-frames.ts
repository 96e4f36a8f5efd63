import { catchError, defer, EMPTY, Observable, retry, throwError, timer, type Subscription } from '../shared/rxjs.js';
import { DecoderError } from '../shared/errors.js';
import type { Frame } from '../tensor/frame.js';
import type { LiveDecodeHooks, ResolvedLiveOptions } from './live-options.js';

/** A connection ended (EOF or stall) while reconnecting is on: retried, or a plain completion at the end. */
class ConnectionEnded extends Error {
  constructor(readonly reason: 'ended' | 'stalled') {
    super(`live stream ${reason}`);
    this.name = 'ConnectionEnded';
  }
}

/** What {@link liveFrames} needs besides the resolved options. */
export interface LiveFramesSettings {
  /** Input as given (for errors). */
  readonly input: string;
  /** ffmpeg input of every connection (see `liveInputArgs`). */
  readonly inputOptions: readonly string[];
  readonly source: LiveDecodeHooks['source'];
  /** `maxInFlight` when the drop policy is `'latest'`, else undefined. */
  readonly gateMaxInFlight: number | undefined;
}

/**
 * The connection loop of a live `readFrames` (internal): each subscription to the result runs one
 * `decode` per connection, with
 *
 * - a watchdog: no first frame within `connectTimeoutMs` is a {@link DecoderError}; no frame for
 *   `stallTimeoutMs` after that ends the connection as `stalled` (a UDP sender that went away
 *   never sends an EOF);
 * - frame indices that keep counting up across connections;
 * - with `reconnect`: an ended, stalled or failed connection is retried after
 *   `initialDelayMs * 2^(n-1)` (at most `maxDelayMs`), the count starting over once a frame came
 *   through; after `retries` failed attempts in a row it completes (last one ended/stalled) or
 *   errors (last one failed). Without it the first ended/stalled connection completes the stream.
 * - every step reported through `onEvent` (`connecting`, `connected`, `disconnected`,
 *   `reconnecting`, `dropped`).
 *
 * Unsubscribing kills the current ffmpeg (through `decode`'s teardown) and cancels a pending retry.
 */
export function liveFrames(live: ResolvedLiveOptions, settings: LiveFramesSettings, decode: (hooks: LiveDecodeHooks) => Observable<Frame>): Observable<Frame> {
  return defer(() => {
    let attempt = 0;
    let nextIndex = 0;
    let dropped = 0;

    const connection = new Observable<Frame>((subscriber) => {
      const n = ++attempt;
      let watchdog: ReturnType<typeof setTimeout> | undefined;
      let connected = false;
      let inner: Subscription | undefined;
      const stop = (): void => {
        clearTimeout(watchdog);
        inner?.unsubscribe();
      };
      const end = (reason: 'ended' | 'stalled'): void => {
        stop();
        live.onEvent({ type: 'disconnected', attempt: n, reason });
        if (live.reconnect) subscriber.error(new ConnectionEnded(reason));
        else subscriber.complete();
      };
      const failed = (err: unknown): void => {
        stop();
        live.onEvent({ type: 'disconnected', attempt: n, reason: 'error', error: err });
        subscriber.error(err);
      };
      const arm = (): void => {
        clearTimeout(watchdog);
        if (!connected && !Number.isFinite(live.connectTimeoutMs)) return; // listening: wait as long as it takes
        watchdog = connected
          ? setTimeout(() => end('stalled'), live.stallTimeoutMs)
          : setTimeout(() => failed(new DecoderError(`No frame within ${live.connectTimeoutMs} ms of connecting (live stream)`, settings.input)), live.connectTimeoutMs);
      };

      live.onEvent({ type: 'connecting', attempt: n });
      arm();
      inner = decode({
        inputOptions: settings.inputOptions,
        source: settings.source,
        gateMaxInFlight: settings.gateMaxInFlight,
        indexOffset: nextIndex,
        onArrival(frame) {
          if (!connected) {
            connected = true;
            live.onEvent({ type: 'connected', attempt: n });
          }
          nextIndex = frame.index + 1;
          arm();
        },
        onDrop(frame) {
          dropped++;
          live.onEvent({ type: 'dropped', index: frame.index, total: dropped });
        },
      }).subscribe({
        next: (frame) => subscriber.next(frame),
        error: failed,
        complete: () => end('ended'),
      });
      return stop;
    });

    const r = live.reconnect;
    if (!r) return connection;
    return connection.pipe(
      retry({
        count: r.retries,
        resetOnSuccess: true,
        delay: (_err: unknown, count: number) => {
          const delayMs = Math.min(r.maxDelayMs, r.initialDelayMs * 2 ** (count - 1));
          live.onEvent({ type: 'reconnecting', attempt: attempt + 1, delayMs });
          return timer(delayMs);
        },
      }),
      catchError((err: unknown) => (err instanceof ConnectionEnded ? EMPTY : throwError(() => err))),
    );
  });
}
