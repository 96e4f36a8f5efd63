import { liveLatencyMs, readFrames, releaseFrames } from '@facepipe/core';
import { createStagePipeline } from '../../stages/create-stage-pipeline.js';
import { liveMaxInFlight } from '../run/live-max-in-flight.js';
import { benchPipelineOptions, type BenchSettings } from './bench-settings.js';

/** What {@link measureLiveLatency} saw in its measuring window. */
export interface LiveLatencyResult {
  /** Results emitted in the window. */
  readonly frames: number;
  /** Frames dropped at the source (newest wins) in the window. */
  readonly dropped: number;
  /** `dropped / (frames + dropped)`. */
  readonly dropRate: number;
  /** Results per second in the window. */
  readonly fps: number;
  /** Arrival → result latency of the window's frames, ms. */
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly max: number; readonly mean: number };
  /** RSS samples (MB) taken every `rssEveryMs` through the window. */
  readonly rssMb: readonly number[];
  readonly windowMs: number;
}

/** Options of {@link measureLiveLatency}. */
export interface LiveLatencyOptions {
  /** Measuring window after the warm-up, ms. */
  readonly durationMs: number;
  /** Ignored time after the first frame (model warm-up, the probe's burst), ms. Default 1500. */
  readonly warmupMs?: number;
  /** `maxInFlight` of the live source. Default: the CLI's (`liveMaxInFlight`). */
  readonly maxInFlight?: number;
  /** RSS sampling period, ms. Default 1000. */
  readonly rssEveryMs?: number;
}

const at = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;

/**
 * Run the `facepipe run --live` stage pipeline on a live stream (the code path of `run-live`:
 * drop-latest source with manual release, the stages of `settings`) and measure, over a window
 * after a warm-up, each result's latency from its arrival (`Frame.arrivalMs`) to its emission,
 * the frames dropped at the source and the RSS. For the live benchmark; the caller provides the
 * real-time stream (a loopback ffmpeg sender).
 *
 * ## Example
 * ```ts
 * const r = await measureLiveLatency('tcp://127.0.0.1:5000', { stages: ['detect'], workers: 1 }, { durationMs: 30_000 });
 * // { frames: 899, dropped: 0, dropRate: 0, fps: 29.97, latencyMs: { p50: 14.2, p95: 19.8, ... }, ... }
 * ```
 */
export async function measureLiveLatency(url: string, settings: BenchSettings, options: LiveLatencyOptions): Promise<LiveLatencyResult> {
  const warmupMs = options.warmupMs ?? 1500;
  const rssEveryMs = options.rssEveryMs ?? 1000;
  // as in `run --live`: the tracker holds no frame back, frames in flight overlap the stages
  const maxInFlight = options.maxInFlight ?? liveMaxInFlight(settings.stages);
  const pipeline = await createStagePipeline({ ...benchPipelineOptions(settings), maxInFlight, live: true });
  const latencies: number[] = [];
  const rssMb: number[] = [];
  let dropped = 0;
  let start: number | undefined; // window start (performance.now())
  let end: number | undefined;
  const inWindow = (): boolean => start !== undefined && performance.now() >= start && end === undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      let lastRss = 0;
      const sub = readFrames(url, {
        release: 'manual',
        maxInFlight,
        live: {
          onEvent(e) {
            if (e.type === 'connected' && start === undefined) start = performance.now() + warmupMs;
            else if (e.type === 'dropped' && inWindow()) dropped++;
          },
        },
      })
        .pipe(pipeline.operator(), releaseFrames())
        .subscribe({
          next(frame) {
            if (inWindow()) latencies.push(liveLatencyMs(frame));
          },
          error: reject,
          complete: () => reject(new Error(`live stream ${url} ended before the measurement did`)),
        });
      const tick = setInterval(() => {
        const now = performance.now();
        if (start === undefined || now < start) return;
        if (now - lastRss >= rssEveryMs) {
          lastRss = now;
          rssMb.push(Math.round(process.memoryUsage().rss / 2 ** 20));
        }
        if (now >= start + options.durationMs) {
          end = now;
          clearInterval(tick);
          sub.unsubscribe();
          resolve();
        }
      }, 50);
    });
  } finally {
    await pipeline.dispose();
  }
  const windowMs = end! - start!;
  const sorted = [...latencies].sort((a, b) => a - b);
  const frames = latencies.length;
  return {
    frames,
    dropped,
    dropRate: frames + dropped > 0 ? dropped / (frames + dropped) : 0,
    fps: (frames * 1000) / windowMs,
    latencyMs: { p50: at(sorted, 0.5), p95: at(sorted, 0.95), max: sorted.at(-1) ?? NaN, mean: frames > 0 ? sorted.reduce((s, v) => s + v, 0) / frames : NaN },
    rssMb,
    windowMs,
  };
}
