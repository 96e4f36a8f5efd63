import { DecoderError } from '@facepipe/core';
import { describe, expect, it } from 'vitest';
import { createLiveStatus, formatLiveEvent, formatLiveStatus } from './live-status.js';

const stats = { frames: 90, dropped: 3, dropRate: 3 / 93, fps: 29.97, latencyMs: { p50: 21.2, p95: 33.9, max: 40 }, reconnects: 1, connected: true };

describe('live status', () => {
  it('formats fps, latency, drop rate and reconnects', () => {
    expect(formatLiveStatus(stats)).toBe('live 30.0 fps | latency p50 21 ms p95 34 ms | dropped 3.2% (3) | reconnects 1');
    expect(formatLiveStatus({ ...stats, latencyMs: undefined, connected: false, fps: 0 })).toMatch(/^waiting 0\.0 fps \| latency - \|/);
    expect(formatLiveStatus(stats, { state: false })).toBe('30.0 fps | latency p50 21 ms p95 34 ms | dropped 3.2% (3) | reconnects 1');
  });

  it('turns connection events into lines; drops and attempts are only counted', () => {
    expect(formatLiveEvent({ type: 'reconnecting', attempt: 3, delayMs: 2000 })).toBe('live: reconnecting in 2.0 s (attempt 3)');
    expect(formatLiveEvent({ type: 'disconnected', attempt: 1, reason: 'error', error: new Error('Connection refused\nafter 3 s') })).toBe('live: disconnected (error: Connection refused | after 3 s)');
    const refused = new DecoderError('ffmpeg could not decode the video (ffmpeg exited with code 1)', 'tcp://127.0.0.1:9', '[tcp @ 0x1c] Connection to tcp://127.0.0.1:9 failed: Connection refused\ntcp://127.0.0.1:9: Connection refused');
    expect(formatLiveEvent({ type: 'disconnected', attempt: 1, reason: 'error', error: refused })).toBe(
      'live: disconnected (error: ffmpeg could not decode the video (ffmpeg exited with code 1): tcp://127.0.0.1:9 | Connection to tcp://127.0.0.1:9 failed: Connection refused)',
    );
    expect(formatLiveEvent({ type: 'connected', attempt: 2 })).toBe('live: connected (attempt 2)');
    expect(formatLiveEvent({ type: 'dropped', index: 4, total: 1 })).toBeUndefined();
  });

  it('redraws the status line in place on a TTY and clears it around event lines and on close', async () => {
    const out: string[] = [];
    const s = createLiveStatus({ write: (t: string) => out.push(t), isTTY: true }, () => stats, { quiet: false, intervalMs: 5 });
    await new Promise((r) => setTimeout(r, 40));
    expect(out.length).toBeGreaterThan(1);
    expect(out[0]).toBe(`\r\x1b[K${formatLiveStatus(stats)}`);
    s.onEvent({ type: 'reconnecting', attempt: 2, delayMs: 500 });
    expect(out.slice(-3)).toEqual(['\r\x1b[K', 'live: reconnecting in 0.5 s (attempt 2)\n', `\r\x1b[K${formatLiveStatus(stats)}`]);
    s.close();
    const n = out.length;
    expect(out.at(-1)).toBe('\r\x1b[K');
    await new Promise((r) => setTimeout(r, 20));
    expect(out.length).toBe(n); // no redraw after close
  });

  it('prints event lines on a plain stream, nothing when quiet', () => {
    const out: string[] = [];
    const s = createLiveStatus({ write: (t: string) => out.push(t), isTTY: false }, () => stats, { quiet: false });
    s.onEvent({ type: 'connected', attempt: 1 });
    s.close();
    expect(out).toEqual(['live: connected\n']);
    const quiet: string[] = [];
    createLiveStatus({ write: (t: string) => quiet.push(t), isTTY: true }, () => stats, { quiet: true }).onEvent({ type: 'connected', attempt: 1 });
    expect(quiet).toEqual([]);
  });
});
