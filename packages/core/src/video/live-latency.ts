import type { Frame } from '../tensor/frame.js';

/**
 * The clock of `Frame.arrivalMs`: ms since the Unix epoch with sub-ms precision, monotonic within
 * the process (`performance.timeOrigin + performance.now()`).
 *
 * ## Example
 * ```ts
 * arrivalClockMs(); // 1764623100123.456
 * ```
 */
export function arrivalClockMs(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * How long ago `frame` arrived from the decoder, in ms (its end-to-end latency when called where
 * its result is emitted); NaN for a frame without `arrivalMs` (not from `readFrames`).
 *
 * ## Example
 * ```ts
 * readFrames(url, { live: true }).pipe(detectFaces(), map((f) => liveLatencyMs(f))); // 23.4, 19.8, ...
 * ```
 * @param now the current {@link arrivalClockMs} (default: read it now).
 */
export function liveLatencyMs(frame: Pick<Frame, 'arrivalMs'>, now: number = arrivalClockMs()): number {
  return frame.arrivalMs === undefined ? NaN : now - frame.arrivalMs;
}
