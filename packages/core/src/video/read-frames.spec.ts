import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { concatMap, lastValueFrom, take, tap, timer, toArray, map } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecoderError } from '../shared/errors.js';
import type { Frame } from '../tensor/frame.js';
import { withResults } from '../tensor/frame.js';
import { liveFfmpegCount, spawnedFfmpegTotal } from './ffmpeg-children.js';
import { probeVideo } from './probe-video.js';
import { readFrames } from './read-frames.js';
import { releaseFrames } from './release-frame.js';
import { resolveFfmpeg, resolveFfprobe } from './resolve-ffmpeg.js';

const shared = process.env.FACEPIPE_SHARED!;
const HAMILTON = path.join(shared, 'data/video/short_hamilton_clip.mp4');
const DRIVING = path.join(shared, 'data/video/driving.mp4');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-read-frames-'));

/** ffprobe's own list of frame timestamps (ms) of the first video stream. */
function ffprobeFrameTimes(file: string): number[] {
  const out = execFileSync(resolveFfprobe(), ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=pts_time', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean).map((l) => Number(l.split(',')[0]) * 1000);
}

/** Generate a clip with ffmpeg's testsrc (rgb24, lossless rawvideo in NUT) and its exact raw bytes. */
function testsrc(name: string, width: number, height: number, frames: number, rate: number): { file: string; raw: Buffer } {
  const src = `testsrc=size=${width}x${height}:rate=${rate}`;
  const file = path.join(tmp, name);
  execFileSync(resolveFfmpeg(), ['-v', 'error', '-y', '-f', 'lavfi', '-i', src, '-frames:v', String(frames), '-c:v', 'rawvideo', '-pix_fmt', 'rgb24', file]);
  const raw = spawnSync(resolveFfmpeg(), ['-v', 'error', '-f', 'lavfi', '-i', src, '-frames:v', String(frames), '-pix_fmt', 'rgb24', '-f', 'rawvideo', '-'], { maxBuffer: 1 << 28 }).stdout;
  return { file, raw };
}

async function waitForNoFfmpeg(baseline: number): Promise<number> {
  for (let i = 0; i < 100 && liveFfmpegCount() > baseline; i++) await new Promise((r) => setTimeout(r, 20));
  return liveFfmpegCount();
}

/** ffmpeg processes whose parent is this test process. */
function ffmpegChildrenOfThisProcess(): string[] {
  const ps = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter((l) => /ffmpeg|ffprobe/.test(l) && !/\bps\b/.test(l));
}

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('readFrames on short_hamilton_clip.mp4', () => {
  let frames: Frame[];
  let probeTimes: number[];
  beforeAll(async () => {
    frames = await lastValueFrom(readFrames(HAMILTON).pipe(toArray()));
    probeTimes = ffprobeFrameTimes(HAMILTON);
  });

  it('yields exactly the 275 frames the stream holds (not the 300 of CFR output), 640x360 RGB24', () => {
    console.log(`hamilton: ${frames.length} frames, first ${frames[0]!.timeMs.toFixed(3)} ms, last ${frames.at(-1)!.timeMs.toFixed(3)} ms`);
    expect(frames.length).toBe(275);
    expect(probeTimes.length).toBe(275);
    for (const [i, f] of frames.entries()) {
      expect(f.width).toBe(640);
      expect(f.height).toBe(360);
      expect(f.channels).toBe(3);
      expect(f.data.length).toBe(640 * 360 * 3);
      expect(f.index).toBe(i);
      expect(f.sourceId).toBe(HAMILTON);
    }
    // Real pixels, not an empty buffer: the clip's mean brightness is low (stage lighting) but not 0.
    let sum = 0;
    for (let i = 0; i < frames[100]!.data.length; i++) sum += frames[100]!.data[i]!;
    const mean = sum / frames[100]!.data.length;
    console.log(`hamilton frame 100 mean RGB value ${mean.toFixed(2)}`);
    expect(mean).toBeGreaterThan(5);
    expect(mean).toBeLessThan(200);
  });

  it('gives every frame its real timestamp: monotonic and equal to ffprobe pts_time', () => {
    let maxDiff = 0;
    for (let i = 0; i < frames.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(frames[i]!.timeMs - probeTimes[i]!));
      if (i > 0) expect(frames[i]!.timeMs).toBeGreaterThan(frames[i - 1]!.timeMs);
    }
    console.log(`hamilton timestamps: max |readFrames - ffprobe| = ${maxDiff.toExponential(2)} ms`);
    expect(maxDiff).toBeLessThan(0.001);
    expect(frames[0]!.timeMs).toBeCloseTo(852.019, 2);
  });

  it('every: 10 keeps decoded frames 0, 10, ..., 270 with the same timestamps', async () => {
    const sampled = await lastValueFrom(readFrames(HAMILTON, { every: 10 }).pipe(toArray()));
    expect(sampled.map((f) => f.index)).toEqual(Array.from({ length: 28 }, (_, k) => k * 10));
    for (const f of sampled) expect(f.timeMs).toBeCloseTo(frames[f.index]!.timeMs, 6);
  });

  it('scales in ffmpeg: 320x240 exactly, or width only keeping the aspect (320x180)', async () => {
    const squashed = await lastValueFrom(readFrames(HAMILTON, { width: 320, height: 240, every: 25 }).pipe(toArray()));
    expect(squashed.length).toBe(11);
    for (const f of squashed) expect([f.width, f.height, f.data.length]).toEqual([320, 240, 320 * 240 * 3]);
    const aspect = await lastValueFrom(readFrames(HAMILTON, { width: 320, durationMs: 1000 }).pipe(toArray()));
    expect(aspect.map((f) => [f.width, f.height])).toEqual(aspect.map(() => [320, 180]));
    // durationMs counts from the first frame: [852.0, 1852.0) holds 30 frames at 29.97 fps.
    expect(aspect.map((f) => f.index)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    // The downscale agrees with the full-size frame on average (same picture).
    const full = frames[0]!;
    const small = aspect[0]!;
    let a = 0;
    let b = 0;
    for (let i = 0; i < full.data.length; i++) a += full.data[i]!;
    for (let i = 0; i < small.data.length; i++) b += small.data[i]!;
    expect(Math.abs(a / full.data.length - b / small.data.length)).toBeLessThan(1.5);
  });

  it('fps: 5 keeps the first frame of each 200 ms slot, never duplicates; startMs/durationMs cut on the frame clock', async () => {
    const sampled = await lastValueFrom(readFrames(HAMILTON, { fps: 5, startMs: 2000, durationMs: 2000 }).pipe(toArray()));
    const expected = frames.filter((f) => f.timeMs >= 2000 && f.timeMs < 4000).filter((f, i, all) => i === 0 || Math.floor(f.timeMs / 200) > Math.floor(all[i - 1]!.timeMs / 200));
    console.log(`hamilton fps 5 in [2000, 4000) ms: indices ${sampled.map((f) => f.index).join(',')}`);
    expect(sampled.map((f) => f.index)).toEqual(expected.map((f) => f.index));
    expect(sampled.length).toBe(10);
    for (const f of sampled) {
      expect(f.timeMs).toBeCloseTo(frames[f.index]!.timeMs, 6);
      expect(Buffer.from(f.data).equals(frames[f.index]!.data)).toBe(true);
    }
  });

  it('unsubscribing after 5 frames kills ffmpeg: no child outlives the subscription', async () => {
    const baseline = liveFfmpegCount();
    let whileRunning: string[] = [];
    const five = await lastValueFrom(
      readFrames(HAMILTON).pipe(
        tap((f) => {
          if (f.index === 0) whileRunning = ffmpegChildrenOfThisProcess();
        }),
        take(5),
        toArray(),
      ),
    );
    expect(five.map((f) => f.index)).toEqual([0, 1, 2, 3, 4]);
    expect(whileRunning.length).toBe(1); // the check below can see an ffmpeg child
    expect(whileRunning[0]).toContain('rawvideo');
    expect(await waitForNoFfmpeg(baseline)).toBe(baseline);
    expect(ffmpegChildrenOfThisProcess()).toEqual([]);
  });
});

describe('readFrames on other inputs', () => {
  it('driving.mp4 gives its 169 frames at 25 fps (40 ms apart)', async () => {
    const frames = await lastValueFrom(readFrames(DRIVING).pipe(map((f) => ({ index: f.index, timeMs: f.timeMs, w: f.width, h: f.height, n: f.data.length })), toArray()));
    expect(frames.length).toBe(169);
    expect(frames[0]).toEqual({ index: 0, timeMs: 0, w: 410, h: 412, n: 410 * 412 * 3 });
    for (let i = 1; i < frames.length; i++) expect(frames[i]!.timeMs - frames[i - 1]!.timeMs).toBeCloseTo(40, 6);
  });

  it('is pixel-exact on a lossless testsrc clip of odd size, whatever the pipe chunking', async () => {
    const { file, raw } = testsrc('odd.nut', 97, 41, 30, 10);
    const size = 97 * 41 * 3; // 11931 bytes: frames straddle every 64 KiB pipe chunk differently
    expect(raw.length).toBe(30 * size);
    const frames = await lastValueFrom(readFrames(file, { release: 'manual', maxInFlight: 2 }).pipe(releaseFrames(), toArray()));
    expect(frames.length).toBe(30);
    for (const [i, f] of frames.entries()) {
      expect(f.index).toBe(i);
      expect(f.timeMs).toBeCloseTo(i * 100, 6);
      expect(Buffer.from(f.data.buffer, f.data.byteOffset, f.data.length).equals(raw.subarray(i * size, (i + 1) * size))).toBe(true);
    }
    // Sampling and cutting on the same clip: frames 10..14 (t in [1000, 1500) ms), then every 3rd.
    const cut = await lastValueFrom(readFrames(file, { startMs: 1000, durationMs: 500 }).pipe(toArray()));
    expect(cut.map((f) => f.index)).toEqual([10, 11, 12, 13, 14]);
    expect(Buffer.from(cut[2]!.data).equals(raw.subarray(12 * size, 13 * size))).toBe(true);
    const thirds = await lastValueFrom(readFrames(file, { every: 3 }).pipe(toArray()));
    expect(thirds.map((f) => f.index)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
    expect(Buffer.from(thirds[4]!.data).equals(raw.subarray(12 * size, 13 * size))).toBe(true);
    // fps above the source rate keeps every frame once.
    const all = await lastValueFrom(readFrames(file, { fps: 60 }).pipe(toArray()));
    expect(all.map((f) => f.index)).toEqual(frames.map((f) => f.index));
  });

  it('reuseBuffers: released frame buffers are filled again (at most maxInFlight + 1), every frame still pixel-exact', async () => {
    const { file, raw } = testsrc('reuse.nut', 97, 41, 30, 10);
    const size = 97 * 41 * 3;
    for (const mode of ['manual', 'sync'] as const) {
      const buffers = new Set<ArrayBufferLike>();
      let exact = 0;
      const K = 2;
      const n = await lastValueFrom(
        readFrames(file, { release: mode, maxInFlight: K, reuseBuffers: true }).pipe(
          // read the pixels while the frame is in flight (before its release)
          tap((f) => {
            buffers.add(f.data.buffer);
            if (Buffer.from(f.data.buffer, f.data.byteOffset, f.data.length).equals(raw.subarray(f.index * size, (f.index + 1) * size))) exact++;
          }),
          mode === 'manual' ? concatMap((f) => timer(1).pipe(map(() => f))) : map((f) => f),
          mode === 'manual' ? releaseFrames() : map((f) => f),
          toArray(),
        ),
      );
      console.log(`reuseBuffers (${mode}): ${n.length} frames in ${buffers.size} buffers`);
      expect(n.map((f) => f.index)).toEqual(Array.from({ length: 30 }, (_, i) => i));
      expect(exact).toBe(30);
      expect(buffers.size).toBeLessThanOrEqual(K + 1);
      expect(buffers.size).toBeGreaterThanOrEqual(1);
    }
    // without the option every frame keeps its own buffer
    const own = await lastValueFrom(readFrames(file, { release: 'manual' }).pipe(releaseFrames(), toArray()));
    expect(new Set(own.map((f) => f.data.buffer)).size).toBe(30);
  });

  it('backpressure: with a slow async consumer at most maxInFlight frames are in flight, and all arrive', async () => {
    const { file } = testsrc('small.nut', 64, 48, 40, 25); // 9216-byte frames: 7 per pipe chunk
    const K = 3;
    let emitted = 0;
    let released = 0;
    let maxSeen = 0;
    const frames = await lastValueFrom(
      readFrames(file, { release: 'manual', maxInFlight: K }).pipe(
        tap(() => {
          emitted++;
          maxSeen = Math.max(maxSeen, emitted - released);
        }),
        // A stage that rebuilds the frame object (pixels shared) and is slow and asynchronous.
        concatMap((f) => timer(3).pipe(map(() => withResults(f, {})))),
        releaseFrames(),
        tap(() => released++),
        toArray(),
      ),
    );
    console.log(`backpressure: ${frames.length} frames, max in flight ${maxSeen} (limit ${K})`);
    expect(frames.length).toBe(40);
    expect(frames.map((f) => f.index)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(maxSeen).toBe(K);
  });

  it('follows a rotation tag: frames come out in display orientation', async () => {
    const rotated = path.join(tmp, 'rotated.mp4');
    execFileSync(resolveFfmpeg(), ['-v', 'error', '-y', '-i', DRIVING, '-t', '0.4', '-c', 'copy', '-metadata:s:v:0', 'rotate=90', rotated]);
    const info = await probeVideo(rotated);
    const frames = await lastValueFrom(readFrames(rotated).pipe(toArray()));
    expect(frames.length).toBeGreaterThan(0);
    expect([info.width, info.height]).toEqual([412, 410]);
    expect([frames[0]!.width, frames[0]!.height]).toEqual([info.width, info.height]);
  });
});

describe('readFrames with release: manual and no release', () => {
  /** Run `body` while collecting the FACEPIPE_FRAMES_NOT_RELEASED process warnings. */
  async function withReleaseWarnings(body: (warnings: Error[]) => Promise<void>): Promise<void> {
    const warnings: Error[] = [];
    const onWarning = (w: Error): void => {
      if ((w as { code?: string }).code === 'FACEPIPE_FRAMES_NOT_RELEASED') warnings.push(w);
    };
    process.on('warning', onWarning);
    try {
      await body(warnings);
    } finally {
      process.off('warning', onWarning);
    }
  }

  it('warns once (FACEPIPE_FRAMES_NOT_RELEASED) when maxInFlight frames wait for a release, instead of stalling silently', async () => {
    await withReleaseWarnings(async (warnings) => {
      const seen: number[] = [];
      const sub = readFrames(DRIVING, { release: 'manual', maxInFlight: 3, releaseWarningMs: 300 }).subscribe((f) => seen.push(f.index));
      for (let i = 0; i < 200 && warnings.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 700)); // still one warning, not one per period
      sub.unsubscribe();
      expect(seen).toEqual([0, 1, 2]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.message).toContain(`readFrames(${DRIVING}): 3 frames emitted with release: 'manual' and none released for 300 ms`);
    });
  });

  it('no warning while frames are released in time, or with releaseWarningMs: 0', async () => {
    await withReleaseWarnings(async (warnings) => {
      const n = await lastValueFrom(
        readFrames(DRIVING, { release: 'manual', maxInFlight: 2, releaseWarningMs: 400, durationMs: 1000 }).pipe(
          concatMap((f) => timer(5).pipe(map(() => f))),
          releaseFrames(),
          toArray(),
        ),
      );
      const sub = readFrames(DRIVING, { release: 'manual', maxInFlight: 2, releaseWarningMs: 0 }).subscribe();
      await new Promise((r) => setTimeout(r, 600));
      sub.unsubscribe();
      expect(n.length).toBe(25);
      expect(warnings).toEqual([]);
    });
  });
});

describe('readFrames on bad input', () => {
  it('missing file: DecoderError with the path, nothing spawned', async () => {
    const before = spawnedFfmpegTotal();
    const missing = path.join(tmp, 'no-such-file.mp4');
    const err = await lastValueFrom(readFrames(missing)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecoderError);
    expect((err as DecoderError).input).toBe(missing);
    expect((err as Error).message).toContain(missing);
    expect(spawnedFfmpegTotal()).toBe(before);
  });

  it('a text file named .mp4: DecoderError with ffmpeg\'s message', async () => {
    const text = path.join(tmp, 'notes.mp4');
    fs.writeFileSync(text, 'this is not a video\n'.repeat(20));
    const err = await lastValueFrom(readFrames(text)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecoderError);
    expect((err as DecoderError).detail).toMatch(/moov atom not found|Invalid data found/);
    expect((err as Error).message).toContain(text);
  });

  it('an mp4 cut before its moov atom (hamilton, first 40 %): DecoderError, no frames', async () => {
    const cut = path.join(tmp, 'hamilton-cut.mp4');
    const bytes = fs.readFileSync(HAMILTON);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.4)));
    let n = 0;
    const err = await lastValueFrom(readFrames(cut).pipe(tap(() => n++))).catch((e: unknown) => e);
    expect(n).toBe(0);
    expect(err).toBeInstanceOf(DecoderError);
    expect((err as DecoderError).detail).toContain('moov atom not found');
  });

  it('a faststart mp4 cut at 40 % (driving): the decodable frames, then DecoderError (strict) or a clean end', async () => {
    const cut = path.join(tmp, 'driving-cut.mp4');
    const bytes = fs.readFileSync(DRIVING);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.4)));
    let strictCount = 0;
    const err = await lastValueFrom(readFrames(cut).pipe(tap(() => strictCount++))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecoderError);
    expect((err as DecoderError).detail).toMatch(/partial file|Invalid data|NAL/);
    const damage: DecoderError[] = [];
    const lenient = await lastValueFrom(readFrames(cut, { strict: false, onDamage: (e) => damage.push(e) }).pipe(toArray()));
    console.log(`driving cut at 40 %: ${strictCount} frames then DecoderError; strict: false -> ${lenient.length} frames and completion`);
    expect(strictCount).toBeGreaterThan(20);
    expect(strictCount).toBeLessThan(169);
    expect(lenient.length).toBe(strictCount);
    // strict: false still says, once, what strict: true would have thrown
    expect(damage).toHaveLength(1);
    expect(damage[0]).toBeInstanceOf(DecoderError);
    expect([damage[0]!.input, damage[0]!.message.split('\n')[0]]).toEqual([cut, (err as DecoderError).message.split('\n')[0]]);
    expect(damage[0]!.detail).toMatch(/partial file|Invalid data|NAL/);
    expect(await waitForNoFfmpeg(0)).toBe(0);
  });

  it('validates options at the boundary', () => {
    expect(() => readFrames('')).toThrow(TypeError);
    expect(() => readFrames(HAMILTON, { every: 0 })).toThrow('Expected `every` to be an integer >= 1, got `0` (number)');
    expect(() => readFrames(HAMILTON, { width: 1.5 })).toThrow(RangeError);
    expect(() => readFrames(HAMILTON, { fps: -1 })).toThrow(RangeError);
    expect(() => readFrames(HAMILTON, { release: 'later' as 'sync' })).toThrow(RangeError);
    expect(() => readFrames(HAMILTON, { maxInFlight: 0 })).toThrow(RangeError);
    expect(() => readFrames(HAMILTON, { reuseBuffers: 'yes' as never })).toThrow('Expected `reuseBuffers` to be a boolean');
  });
});
