import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createFrame } from '../tensor/frame.js';
import { liveLatencyMs } from './live-latency.js';
import { createLiveMonitor } from './live-monitor.js';

const frame = (index: number, arrivalMs?: number) => createFrame({ data: new Uint8Array(3), width: 1, height: 1, index, arrivalMs });

describe('createLiveMonitor', () => {
  it('latency percentiles over the window, fps over the last 2 s, drops and reconnects from the events', async () => {
    let clock = 10_000;
    const monitor = createLiveMonitor({ window: 4, now: () => clock });
    expect(monitor.stats()).toMatchObject({ frames: 0, dropRate: 0, fps: 0, latencyMs: undefined, connected: false });
    monitor.onEvent({ type: 'connected', attempt: 1 });
    // 6 frames 100 ms apart, latencies 10..60 ms; the window keeps the last 4 (30, 40, 50, 60)
    const frames = [0, 1, 2, 3, 4, 5].map((i) => frame(i, 10_000 + i * 100 - (i + 1) * 10));
    const measured = monitor.measure();
    const out: number[] = [];
    for (const f of frames) {
      clock = 10_000 + f.index * 100;
      out.push(...(await lastValueFrom(from([f]).pipe(measured, toArray()))).map((g) => g.index));
    }
    expect(out).toEqual([0, 1, 2, 3, 4, 5]);
    monitor.onEvent({ type: 'dropped', index: 6, total: 1 });
    monitor.onEvent({ type: 'dropped', index: 7, total: 2 });
    monitor.onEvent({ type: 'reconnecting', attempt: 2, delayMs: 500 });
    monitor.onEvent({ type: 'disconnected', attempt: 1, reason: 'ended' });
    const s = monitor.stats();
    expect(s.frames).toBe(6);
    expect(s.dropped).toBe(2);
    expect(s.dropRate).toBeCloseTo(2 / 8, 10);
    expect(s.latencyMs!.p50).toBeCloseTo(40, 6);
    expect(s.latencyMs!.p95).toBeCloseTo(60, 6);
    expect(s.latencyMs!.max).toBeCloseTo(60, 6);
    expect(s.fps).toBeCloseTo(10, 6); // 4 results in the ring, 100 ms apart
    expect(s.reconnects).toBe(1);
    expect(s.connected).toBe(false);
  });

  it('frames without arrivalMs count but have no latency', () => {
    const monitor = createLiveMonitor();
    from([frame(0)]).pipe(monitor.measure()).subscribe();
    expect(monitor.stats()).toMatchObject({ frames: 1, latencyMs: undefined });
    expect(liveLatencyMs(frame(0))).toBeNaN();
    expect(liveLatencyMs(frame(0, 100), 130)).toBe(30);
    expect(() => createLiveMonitor({ window: 0 })).toThrow(RangeError);
  });
});
