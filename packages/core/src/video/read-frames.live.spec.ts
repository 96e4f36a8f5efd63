import path from 'node:path';
import { concatMap, lastValueFrom, toArray, type Subscription } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { loopbackSenders } from '../testing/loopback-sender.js';
import type { Frame } from '../tensor/frame.js';
import { liveFfmpegCount } from './ffmpeg-children.js';
import type { LiveEvent } from './live-options.js';
import { readFrames } from './read-frames.js';
import { releaseFrame } from './release-frame.js';

// Loopback only: ffmpeg serves the Hamilton clip in real time (-re) on 127.0.0.1 (free ports).
const HAMILTON = path.join(process.env.FACEPIPE_SHARED!, 'data/video/short_hamilton_clip.mp4');
const senders = loopbackSenders();
const sender = senders.start;
afterEach(() => senders.killAll());

async function waitFor(what: string, cond: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('readFrames live (loopback)', () => {
  it('tcp: a consumer slower than the source gets the newest frame each time; every frame is either delivered or reported dropped', async () => {
    const baseline = liveFfmpegCount();
    const s = await sender({ protocol: 'tcp', clip: HAMILTON, seconds: 2.5 });
    const dropped: number[] = [];
    const droppedBeforeDelivery: number[][] = [];
    const events: LiveEvent[] = [];
    const frames = await lastValueFrom(
      readFrames(s.url, { live: { onEvent: (e) => (e.type === 'dropped' ? dropped.push(e.index) : events.push(e)) }, release: 'manual', maxInFlight: 1 }).pipe(
        concatMap(async (f) => {
          droppedBeforeDelivery.push(dropped.slice());
          await sleep(100); // about 3 frame intervals of a 29.97 fps source
          releaseFrame(f);
          return f;
        }),
        toArray(),
      ),
    );
    const delivered = frames.map((f) => f.index);
    expect(delivered.length).toBeGreaterThan(3);
    expect(dropped.length).toBeGreaterThan(delivered.length); // ~2 of 3 frames cannot be taken
    // nothing is lost silently and nothing twice: delivered + dropped = every decoded index once
    const all = [...delivered, ...dropped].sort((a, b) => a - b);
    expect(all).toEqual(all.map((_, i) => i));
    // newest wins: when a frame is handed out, every frame dropped so far is older than it
    frames.forEach((f, i) => expect(droppedBeforeDelivery[i]!.every((d) => d < f.index)).toBe(true));
    for (const f of frames) expect(f.arrivalMs).toBeGreaterThan(performance.timeOrigin);
    expect(frames.map((f) => f.arrivalMs!)).toEqual([...frames.map((f) => f.arrivalMs!)].sort((a, b) => a - b));
    expect(frames[0]).toMatchObject({ width: 320, height: 180, sourceId: s.url });
    expect(events.map((e) => e.type)).toEqual(['connecting', 'connected', 'disconnected']);
    expect(events[2]).toMatchObject({ reason: 'ended' });
    await waitFor('ffmpeg to exit', () => liveFfmpegCount() === baseline, 5000);
  });

  it('tcp: reconnects with backoff when the sender is killed mid-stream, indices keep counting, unsubscribe kills ffmpeg', async () => {
    const baseline = liveFfmpegCount();
    const first = await sender({ protocol: 'tcp', clip: HAMILTON, loop: true });
    const frames: Frame[] = [];
    const events: LiveEvent[] = [];
    let error: unknown;
    const sub: Subscription = readFrames(first.url, { live: { reconnect: { initialDelayMs: 100, maxDelayMs: 400 }, onEvent: (e) => events.push(e) } }).subscribe({
      next: (f) => frames.push(f),
      error: (e: unknown) => (error = e),
    });
    try {
      await waitFor('10 frames of the first sender', () => frames.length >= 10);
      await first.kill();
      await waitFor('the disconnect', () => events.some((e) => e.type === 'disconnected'));
      const beforeSecond = frames.length;
      await sender({ protocol: 'tcp', clip: HAMILTON, loop: true, port: first.port! });
      await waitFor('10 frames of the second sender', () => frames.length >= beforeSecond + 10);
      expect(error).toBeUndefined();
      const types = events.map((e) => e.type);
      expect(types.slice(0, 3)).toEqual(['connecting', 'connected', 'disconnected']);
      expect(types).toContain('reconnecting');
      const reconnected = events.find((e) => e.type === 'connected' && e.attempt > 1);
      expect(reconnected).toBeDefined();
      const delays = events.flatMap((e) => (e.type === 'reconnecting' ? [e.delayMs] : []));
      expect(delays[0]).toBe(100);
      for (const d of delays) expect(d).toBeLessThanOrEqual(400);
      const idx = frames.map((f) => f.index);
      for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1]!);
    } finally {
      sub.unsubscribe();
    }
    await waitFor('ffmpeg to exit after unsubscribe', () => liveFfmpegCount() === baseline, 5000);
  });

  it('udp: a sender that stops (no EOF on UDP) ends the stream as stalled', async () => {
    const baseline = liveFfmpegCount();
    const { freePort } = await import('../testing/loopback-sender.js');
    const port = await freePort('udp');
    const events: LiveEvent[] = [];
    const done = lastValueFrom(readFrames(`udp://127.0.0.1:${port}`, { live: { stallTimeoutMs: 800, onEvent: (e) => events.push(e) } }).pipe(toArray()));
    await sleep(500); // let ffmpeg bind the port before the first packet
    await sender({ protocol: 'udp', clip: HAMILTON, seconds: 2, port });
    const frames = await done;
    expect(frames.length).toBeGreaterThan(10);
    expect(events.at(-1)).toMatchObject({ type: 'disconnected', reason: 'stalled' });
    await waitFor('ffmpeg to exit', () => liveFfmpegCount() === baseline, 5000);
  });

  it('rtsp listen: the sender pushes to the reader (RTSP server), the stream ends with the sender', async () => {
    const { freePort, waitForListener } = await import('../testing/loopback-sender.js');
    const baseline = liveFfmpegCount();
    const port = await freePort('tcp');
    const events: LiveEvent[] = [];
    const done = lastValueFrom(readFrames(`rtsp://127.0.0.1:${port}/live`, { live: { listen: true, onEvent: (e) => events.push(e) } }).pipe(toArray()));
    await waitForListener(port);
    await sender({ protocol: 'rtsp', clip: HAMILTON, seconds: 2, port });
    const frames = await done;
    expect(frames.length).toBeGreaterThan(20);
    expect(frames[0]).toMatchObject({ width: 320, height: 180 });
    expect(events.map((e) => e.type)).toEqual(['connecting', 'connected', 'disconnected']);
    await waitFor('ffmpeg to exit', () => liveFfmpegCount() === baseline, 5000);
  });

  it('http: reads an MPEG-TS stream served over HTTP until it ends', async () => {
    const s = await sender({ protocol: 'http', clip: HAMILTON, seconds: 1.5 });
    const frames = await lastValueFrom(readFrames(s.url, { live: true }).pipe(toArray()));
    expect(frames.length).toBeGreaterThan(10);
    expect(frames[0]).toMatchObject({ width: 320, height: 180, sourceId: s.url });
  });

  it("drop: 'block' keeps every frame in order (the sender waits instead)", async () => {
    const s = await sender({ protocol: 'tcp', clip: HAMILTON, seconds: 2 }); // the clip's video starts at 0.85 s
    const dropped: number[] = [];
    const frames = await lastValueFrom(
      readFrames(s.url, { live: { drop: 'block', onEvent: (e) => e.type === 'dropped' && dropped.push(e.index) }, release: 'manual', maxInFlight: 1 }).pipe(
        concatMap(async (f) => {
          await sleep(60); // slower than the source
          releaseFrame(f);
          return f.index;
        }),
        toArray(),
      ),
    );
    expect(frames.length).toBeGreaterThan(15);
    expect(frames).toEqual(frames.map((_, i) => i));
    expect(dropped).toEqual([]);
  });

  it('stdin (-): reads the stream it is given and completes at its end', async () => {
    const s = await sender({ protocol: 'pipe', clip: HAMILTON, seconds: 1.5 });
    const frames = await lastValueFrom(readFrames('-', { live: { stdin: s.stdout! } }).pipe(toArray()));
    expect(frames.length).toBeGreaterThan(10);
    expect(frames[0]!.sourceId).toBe('-');
  });

  it('a refused connection without reconnect is a DecoderError naming the URL', async () => {
    const { freePort } = await import('../testing/loopback-sender.js');
    const url = `tcp://127.0.0.1:${await freePort('tcp')}`;
    await expect(lastValueFrom(readFrames(url, { live: true }))).rejects.toThrow(url);
  });
});
