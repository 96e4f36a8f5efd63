import type { Readable } from 'node:stream';
import { assertInteger, assertNumber, assertObject, assertOneOf, expectedMessage } from '../shared/assert.js';
import type { Frame } from '../tensor/frame.js';

/** Backoff of {@link LiveOptions.reconnect}. */
export interface LiveReconnectOptions {
  /** Reconnect attempts in a row without a frame in between before giving up. Default `Infinity`. */
  readonly retries?: number;
  /** Wait before the first attempt, in ms; doubled each further attempt. Default 500. */
  readonly initialDelayMs?: number;
  /** Longest wait between attempts, in ms. Default 10000. */
  readonly maxDelayMs?: number;
}

/** Something that happened to a live source (see {@link LiveOptions.onEvent}). */
export type LiveEvent =
  /** ffmpeg is being started for connection `attempt` (1 for the first connection). */
  | { readonly type: 'connecting'; readonly attempt: number }
  /** The first frame of connection `attempt` arrived. */
  | { readonly type: 'connected'; readonly attempt: number }
  /**
   * Connection `attempt` is over: the stream `ended` (EOF), `stalled` (no frame for the timeout)
   * or ffmpeg failed (`error`, with the {@link DecoderError}).
   */
  | { readonly type: 'disconnected'; readonly attempt: number; readonly reason: 'ended' | 'stalled' | 'error'; readonly error?: unknown }
  /** Connection `attempt` starts in `delayMs`. */
  | { readonly type: 'reconnecting'; readonly attempt: number; readonly delayMs: number }
  /** A decoded frame was replaced by a newer one before downstream could take it; `total` so far. */
  | { readonly type: 'dropped'; readonly index: number; readonly total: number };

/** The `live` option of `readFrames` (`live: true` takes every default). */
export interface LiveOptions {
  /**
   * What happens when `maxInFlight` frames are out and another one is decoded. `'latest'`
   * (default): ffmpeg is read on, and the newest frame waits in a one-frame slot, replacing the
   * one that waited there before (which is dropped); latency stays bounded, as in MediaPipe's
   * LIVE_STREAM mode. Arrival jitter is not punished: a frame that arrives less than half its
   * presentation spacing after the waiting one (a burst, e.g. after the pipe was read late) waits
   * beside it instead of replacing it, and a third arrival drops the older of the two. `'block'`: the pipe is no longer read, as for files (ffmpeg and then the
   * sender stall; nothing is dropped here).
   */
  readonly drop?: 'latest' | 'block';
  /** Reconnect with exponential backoff when the stream ends, stalls or fails (default: off, the Observable completes or errors). */
  readonly reconnect?: boolean | LiveReconnectOptions;
  /** A connection counts as stalled after this long without a frame, in ms. Default 3000. */
  readonly stallTimeoutMs?: number;
  /**
   * Time allowed from starting ffmpeg to the first frame of a connection, in ms. Default 10000,
   * or no limit with `listen` (a sender may come at any time).
   */
  readonly connectTimeoutMs?: number;
  /**
   * Wait for the sender to connect instead of connecting to it: for `rtsp://` ffmpeg is an RTSP
   * server (`-rtsp_flags listen`; the sender pushes with `ffmpeg ... -f rtsp rtsp://host:port/path`),
   * for `tcp://` it accepts one connection (`-listen 1`). The URL names the local address to
   * listen on. Default false.
   */
  readonly listen?: boolean;
  /** Receives every {@link LiveEvent}: connections, reconnects and dropped frames. */
  readonly onEvent?: (event: LiveEvent) => void;
  /** The stream to read when the input is `-` (default `process.stdin`). */
  readonly stdin?: Readable;
}

/** {@link LiveOptions} with every default filled in (internal). */
export interface ResolvedLiveOptions {
  readonly drop: 'latest' | 'block';
  readonly reconnect: Required<LiveReconnectOptions> | undefined;
  readonly stallTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly listen: boolean;
  readonly onEvent: (event: LiveEvent) => void;
  readonly stdin: Readable | undefined;
}

/** What the live layer plugs into one ffmpeg decode of `readFrames` (internal). */
export interface LiveDecodeHooks {
  /** ffmpeg options before `-i` (low-latency flags), after readFrames' own. */
  readonly inputOptions: readonly string[];
  /** What ffmpeg reads: the URL, or a stream for stdin. */
  readonly source: string | Readable;
  /** With the `'latest'` policy, the most frames emitted and not yet released. */
  readonly gateMaxInFlight: number | undefined;
  /** Added to each frame's index, so indices keep counting up across reconnects. */
  readonly indexOffset: number;
  /** Each decoded frame as it arrives, before the drop policy sees it. */
  readonly onArrival: (frame: Frame) => void;
  /** A frame the drop policy replaced by a newer one. */
  readonly onDrop: (frame: Frame) => void;
}

function positive(value: unknown, name: string, allowInfinity = false): void {
  assertNumber(value, name);
  if (!(value > 0) || (!allowInfinity && !Number.isFinite(value))) throw new RangeError(expectedMessage(name, allowInfinity ? 'a number > 0 (or Infinity)' : 'a finite number > 0', value));
}

/**
 * Check the `live` option of `readFrames` and fill in its defaults (internal).
 *
 * @throws {TypeError|RangeError} naming the offending `live.*` field.
 */
export function resolveLiveOptions(live: unknown): ResolvedLiveOptions {
  if (live === true) return resolveLiveOptions({});
  assertObject(live, 'live');
  const o = live as LiveOptions;
  if (o.drop !== undefined) assertOneOf(o.drop, 'live.drop', ['latest', 'block']);
  if (o.stallTimeoutMs !== undefined) positive(o.stallTimeoutMs, 'live.stallTimeoutMs');
  if (o.connectTimeoutMs !== undefined) positive(o.connectTimeoutMs, 'live.connectTimeoutMs', true);
  if (o.listen !== undefined && typeof o.listen !== 'boolean') throw new TypeError(expectedMessage('live.listen', 'a boolean', o.listen));
  if (o.onEvent !== undefined && typeof o.onEvent !== 'function') throw new TypeError(expectedMessage('live.onEvent', 'a function', o.onEvent));
  if (o.stdin !== undefined && (o.stdin === null || typeof (o.stdin as { pipe?: unknown }).pipe !== 'function')) throw new TypeError(expectedMessage('live.stdin', 'a readable stream', o.stdin));
  let reconnect: Required<LiveReconnectOptions> | undefined;
  if (o.reconnect !== undefined && o.reconnect !== false) {
    const r = o.reconnect === true ? {} : o.reconnect;
    assertObject(r, 'live.reconnect');
    if (r.retries !== undefined && r.retries !== Infinity) assertInteger(r.retries, 'live.reconnect.retries', 0);
    if (r.initialDelayMs !== undefined) positive(r.initialDelayMs, 'live.reconnect.initialDelayMs');
    if (r.maxDelayMs !== undefined) positive(r.maxDelayMs, 'live.reconnect.maxDelayMs');
    const initialDelayMs = r.initialDelayMs ?? 500;
    reconnect = { retries: r.retries ?? Infinity, initialDelayMs, maxDelayMs: Math.max(initialDelayMs, r.maxDelayMs ?? 10_000) };
  }
  return {
    drop: o.drop ?? 'latest',
    reconnect,
    stallTimeoutMs: o.stallTimeoutMs ?? 3000,
    connectTimeoutMs: o.connectTimeoutMs ?? (o.listen ? Infinity : 10_000),
    listen: o.listen ?? false,
    onEvent: o.onEvent ?? (() => undefined),
    stdin: o.stdin,
  };
}
