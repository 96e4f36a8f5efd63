import { errorLine } from '../../shared/error-line.js';
import type { LiveEvent, LiveStats } from '@facepipe/core';
import type { ProgressStream } from '../../shared/progress-reporter.js';

const ms = (v: number): string => `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`;

/**
 * The status line of a live run: `live 29.9 fps | latency p50 21 ms p95 34 ms | dropped 0.4% (3) | reconnects 0`.
 *
 * ## Example
 * ```ts
 * formatLiveStatus({ frames: 90, dropped: 0, dropRate: 0, fps: 29.97, latencyMs: { p50: 21.2, p95: 33.9, max: 40 }, reconnects: 0, connected: true });
 * // 'live 30.0 fps | latency p50 21 ms p95 34 ms | dropped 0.0% (0) | reconnects 0'
 * ```
 * @param options `state: false` leaves out the leading `live`/`waiting` (for the end-of-run summary).
 */
export function formatLiveStatus(s: LiveStats, options: { state?: boolean } = {}): string {
  const latency = s.latencyMs ? `latency p50 ${ms(s.latencyMs.p50)} p95 ${ms(s.latencyMs.p95)}` : 'latency -';
  const numbers = `${s.fps.toFixed(1)} fps | ${latency} | dropped ${(s.dropRate * 100).toFixed(1)}% (${s.dropped}) | reconnects ${s.reconnects}`;
  return options.state === false ? numbers : `${s.connected ? 'live' : 'waiting'} ${numbers}`;
}

/** One line for a connection event worth telling the user (drops and connection attempts are only counted). */
export function formatLiveEvent(e: LiveEvent): string | undefined {
  switch (e.type) {
    case 'connected':
      return `live: connected${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}`;
    case 'disconnected': {
      const why = e.reason === 'error' ? `error: ${errorLine(e.error, 1, { name: false })}` : e.reason;
      return `live: disconnected (${why})`;
    }
    case 'reconnecting':
      return `live: reconnecting in ${(e.delayMs / 1000).toFixed(1)} s (attempt ${e.attempt})`;
    default:
      return undefined;
  }
}

/** Shows the status line on a TTY (redrawn every `intervalMs`) and event lines anywhere (see {@link createLiveStatus}). */
export interface LiveStatus {
  readonly onEvent: (event: LiveEvent) => void;
  /** Remove the status line and stop redrawing. */
  close(): void;
}

/**
 * Live progress on `stream` (stderr): on a TTY a one-line status (fps, latency, drop rate,
 * reconnects; see {@link formatLiveStatus}) redrawn in place; connection events as lines on any
 * stream; nothing at all when `quiet`.
 */
export function createLiveStatus(stream: ProgressStream, stats: () => LiveStats, options: { quiet: boolean; intervalMs?: number }): LiveStatus {
  const tty = stream.isTTY === true && !options.quiet;
  let shown = false;
  const clear = (): void => {
    if (shown) stream.write('\r\x1b[K');
    shown = false;
  };
  const draw = (): void => {
    stream.write(`\r\x1b[K${formatLiveStatus(stats())}`);
    shown = true;
  };
  const timer = tty ? setInterval(draw, options.intervalMs ?? 500) : undefined;
  timer?.unref();
  return {
    onEvent(event) {
      if (options.quiet) return;
      const line = formatLiveEvent(event);
      if (!line) return;
      clear();
      stream.write(`${line}\n`);
      if (tty) draw();
    },
    close() {
      clearInterval(timer);
      clear();
    },
  };
}
