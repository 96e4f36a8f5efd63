import { Observable, type MonoTypeOperatorFunction } from '../shared/rxjs.js';
import { assertInteger, assertObject } from '../shared/assert.js';
import type { Frame } from '../tensor/frame.js';
import { arrivalClockMs } from './live-latency.js';
import type { LiveEvent } from './live-options.js';

/** What a {@link LiveMonitor} has seen so far. */
export interface LiveStats {
  /** Frames that went through `measure()` (results emitted). */
  readonly frames: number;
  /** Frames the source dropped (newest wins) before they entered the pipeline. */
  readonly dropped: number;
  /** `dropped / (frames + dropped)`; 0 before the first frame. */
  readonly dropRate: number;
  /** Results per second over the last two seconds (0 with fewer than two results in that time). */
  readonly fps: number;
  /** Arrival-to-result latency over the last `window` frames, ms; undefined before the first frame. */
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly max: number } | undefined;
  /** `reconnecting` events so far. */
  readonly reconnects: number;
  /** Whether the current connection has delivered its first frame and not ended. */
  readonly connected: boolean;
}

/** Latency, fps and drop bookkeeping of a live pipeline (see {@link createLiveMonitor}). */
export interface LiveMonitor {
  /** Pass as `readFrames(url, { live: { onEvent } })` (counts drops and reconnects). */
  readonly onEvent: (event: LiveEvent) => void;
  /** Operator for the END of the pipeline: measures each frame's latency as it passes; frames pass unchanged. */
  measure<T extends Frame>(): MonoTypeOperatorFunction<T>;
  /** A snapshot of the counts and the recent latency percentiles. */
  stats(): LiveStats;
}

/** Options of {@link createLiveMonitor}. */
export interface LiveMonitorOptions {
  /** Frames the latency percentiles are taken over (the most recent ones). Default 300 (10 s at 30 fps). */
  readonly window?: number;
  /** Clock in the units of `Frame.arrivalMs` (default {@link arrivalClockMs}; tests inject one). */
  readonly now?: () => number;
}

const FPS_SPAN_MS = 2000;

/** Value at quantile `q` of an ascending array (nearest rank). */
function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/**
 * Count what a live pipeline does: frames out, frames dropped at the source, reconnects, and
 * the latency from each frame's arrival (`Frame.arrivalMs`) to the moment it leaves the pipeline.
 * Memory is fixed (two rings of `window` numbers), so it can run for days.
 *
 * ## Example
 * ```ts
 * const monitor = createLiveMonitor();
 * readFrames('tcp://127.0.0.1:5000', { live: { onEvent: monitor.onEvent }, release: 'manual' })
 *   .pipe(detectFaces(), releaseFrames(), monitor.measure())
 *   .subscribe();
 * setInterval(() => console.log(monitor.stats()), 1000);
 * // { frames: 87, dropped: 3, dropRate: 0.033, fps: 29.9, latencyMs: { p50: 21.4, p95: 30.2, max: 41.0 }, reconnects: 0, connected: true }
 * ```
 * @throws {TypeError|RangeError} for a bad `window`.
 */
export function createLiveMonitor(options: LiveMonitorOptions = {}): LiveMonitor {
  assertObject(options, 'options');
  const size = options.window ?? 300;
  assertInteger(size, 'window', 1);
  const now = options.now ?? arrivalClockMs;
  const latency = new Float64Array(size);
  const times = new Float64Array(size);
  let frames = 0;
  let dropped = 0;
  let reconnects = 0;
  let connected = false;

  const record = (frame: Frame): void => {
    const t = now();
    const slot = frames % size;
    latency[slot] = frame.arrivalMs === undefined ? NaN : t - frame.arrivalMs;
    times[slot] = t;
    frames++;
  };

  return {
    onEvent(event) {
      if (event.type === 'dropped') dropped++;
      else if (event.type === 'reconnecting') reconnects++;
      else if (event.type === 'connected') connected = true;
      else if (event.type === 'disconnected') connected = false;
    },
    measure<T extends Frame>(): MonoTypeOperatorFunction<T> {
      return (source) =>
        new Observable<T>((subscriber) =>
          source.subscribe({
            next(frame) {
              record(frame);
              subscriber.next(frame);
            },
            error: (err: unknown) => subscriber.error(err),
            complete: () => subscriber.complete(),
          }),
        );
    },
    stats() {
      const n = Math.min(frames, size);
      const sorted = latency.slice(0, n).filter((v) => !Number.isNaN(v)).sort();
      const t = now();
      let recent = 0;
      let oldest = Infinity;
      for (let i = 0; i < n; i++) {
        if (t - times[i]! <= FPS_SPAN_MS) {
          recent++;
          oldest = Math.min(oldest, times[i]!);
        }
      }
      const newest = n > 0 ? times[(frames - 1) % size]! : 0;
      return {
        frames,
        dropped,
        dropRate: frames + dropped > 0 ? dropped / (frames + dropped) : 0,
        fps: recent >= 2 && newest > oldest ? ((recent - 1) * 1000) / (newest - oldest) : 0,
        latencyMs: sorted.length > 0 ? { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted[sorted.length - 1]! } : undefined,
        reconnects,
        connected,
      };
    },
  };
}
