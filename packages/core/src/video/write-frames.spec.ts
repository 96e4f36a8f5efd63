import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { from, lastValueFrom, Subject, take, tap, toArray, map } from 'rxjs';
import { afterAll, describe, expect, it } from 'vitest';
import { EncoderError } from '../shared/errors.js';
import { createFrame, type Frame } from '../tensor/frame.js';
import { liveFfmpegCount } from './ffmpeg-children.js';
import { probeVideo } from './probe-video.js';
import { readFrames } from './read-frames.js';
import { releaseFrames } from './release-frame.js';
import { resolveFfmpeg, resolveFfprobe } from './resolve-ffmpeg.js';
import { writeFrames } from './write-frames.js';

const shared = process.env.FACEPIPE_SHARED!;
const DRIVING = path.join(shared, 'data/video/driving.mp4');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-write-frames-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Lossless testsrc clip (rgb24 rawvideo in NUT). */
function testsrc(name: string, width: number, height: number, frames: number): string {
  const file = path.join(tmp, name);
  execFileSync(resolveFfmpeg(), ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=size=${width}x${height}:rate=10`, '-frames:v', String(frames), '-c:v', 'rawvideo', '-pix_fmt', 'rgb24', file]);
  return file;
}

function meanAbsDiff(a: Frame, b: Frame): number {
  // Compare the common area (the encoder may pad odd sizes by one column/row).
  let sum = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width * 3; x++) sum += Math.abs(a.data[y * a.width * 3 + x]! - b.data[y * b.width * 3 + x]!);
  }
  return sum / (a.width * a.height * 3);
}

async function waitForNoFfmpeg(): Promise<number> {
  for (let i = 0; i < 100 && liveFfmpegCount() > 0; i++) await new Promise((r) => setTimeout(r, 20));
  return liveFfmpegCount();
}

describe('writeFrames', () => {
  it('encodes 30 testsrc frames to an H.264 mp4 that probes and decodes back to 30 similar frames', async () => {
    const src = testsrc('src.nut', 160, 120, 30);
    const out = path.join(tmp, 'out.mp4');
    const original = await lastValueFrom(readFrames(src).pipe(toArray()));
    let emitted = 0;
    let released = 0;
    let maxInFlight = 0;
    const passed = await lastValueFrom(
      readFrames(src, { release: 'manual', maxInFlight: 4 }).pipe(
        tap(() => (maxInFlight = Math.max(maxInFlight, ++emitted - released))),
        writeFrames(out, { fps: 10, crf: 18 }),
        releaseFrames(),
        tap(() => released++),
        toArray(),
      ),
    );
    expect(passed.map((f) => f.index)).toEqual(original.map((f) => f.index));
    expect(maxInFlight).toBeLessThanOrEqual(4);
    const info = await probeVideo(out);
    expect(info).toMatchObject({ width: 160, height: 120, codec: 'h264', frameCount: 30, hasAudio: false });
    expect(info.fps).toBeCloseTo(10, 6);
    expect(info.durationMs).toBeCloseTo(3000, 0);
    const back = await lastValueFrom(readFrames(out).pipe(toArray()));
    expect(back.length).toBe(30);
    const diffs = back.map((f, i) => meanAbsDiff(original[i]!, f));
    console.log(`writeFrames round trip (crf 18, 160x120): mean |diff| per channel max ${Math.max(...diffs).toFixed(2)}, avg ${(diffs.reduce((s, d) => s + d, 0) / diffs.length).toFixed(2)}`);
    expect(Math.max(...diffs)).toBeLessThan(6);
    expect(back.map((f) => f.timeMs)).toEqual(back.map((_, i) => expect.closeTo(i * 100, 3)));
  });

  it('pads odd sizes to even and copies the audio of audioFrom', async () => {
    const out = path.join(tmp, 'odd-with-audio.mp4');
    const frames = await lastValueFrom(
      readFrames(DRIVING, { width: 205, height: 103 }).pipe(take(25), writeFrames(out, { fps: 25, audioFrom: DRIVING }), toArray()),
    );
    expect(frames.length).toBe(25);
    const info = await probeVideo(out);
    expect([info.width, info.height, info.hasAudio, info.frameCount]).toEqual([206, 104, true, 25]);
  });

  it('audio that ends before the video never cuts frames: 30 frames (3 s) + 2 s of audio give 30 frames and audio to the end', async () => {
    const src = testsrc('three-s.nut', 64, 48, 30);
    const audio = path.join(tmp, 'two-s-audio.m4a');
    execFileSync(resolveFfmpeg(), ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100:duration=2', '-c:a', 'aac', audio]);
    const out = path.join(tmp, 'short-audio.mp4');
    await lastValueFrom(readFrames(src).pipe(writeFrames(out, { fps: 10, audioFrom: audio }), toArray()));
    const info = await probeVideo(out);
    const back = await lastValueFrom(readFrames(out).pipe(toArray()));
    // -shortest with stream-copied audio kept 18 of these 30 frames
    expect([back.length, info.hasAudio]).toEqual([30, true]);
    const streams = execFileSync(resolveFfprobe(), ['-v', 'error', '-show_entries', 'stream=codec_type,duration', '-of', 'csv=p=0', out], { encoding: 'utf8' });
    const audioSeconds = Number(/audio,([\d.]+)/.exec(streams)?.[1]);
    expect(audioSeconds).toBeGreaterThan(2.9); // padded with silence to the video's 3 s
    expect(audioSeconds).toBeLessThan(3.2);
  });

  it("keeps each frame's timeMs (timing 'frames'): a gap in a variable-rate sequence stays a gap", async () => {
    const times = [0, 100, 200, 1200, 1300, 2500];
    const out = path.join(tmp, 'vfr.mp4');
    const frames = times.map((t, i) => createFrame({ data: new Uint8Array(32 * 32 * 3).fill(i * 40), width: 32, height: 32, index: i, timeMs: 5000 + t }));
    await lastValueFrom(from(frames).pipe(writeFrames(out, { fps: 10 }), toArray()));
    const back = await lastValueFrom(readFrames(out).pipe(toArray()));
    // the video starts at the first frame (5000 ms) and keeps the spacing; timing 'fps' gave 0, 100, ... 500
    expect(back.map((f) => Math.round(f.timeMs - back[0]!.timeMs))).toEqual(times);
    const cfr = path.join(tmp, 'cfr.mp4');
    await lastValueFrom(from(frames).pipe(writeFrames(cfr, { fps: 10, timing: 'fps' }), toArray()));
    const backCfr = await lastValueFrom(readFrames(cfr).pipe(toArray()));
    expect(backCfr.map((f) => Math.round(f.timeMs - backCfr[0]!.timeMs))).toEqual([0, 100, 200, 300, 400, 500]);
  });

  it('an empty source writes nothing and completes', async () => {
    const out = path.join(tmp, 'empty.mp4');
    const frames = await lastValueFrom(new Subject<Frame>().pipe(take(0), writeFrames(out, { fps: 5 }), toArray()));
    expect(frames).toEqual([]);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('rejects a frame whose size differs from the first with EncoderError, and kills ffmpeg', async () => {
    const out = path.join(tmp, 'mixed.mp4');
    const sizes = [[32, 32], [32, 32], [48, 32]] as const;
    const source = new Subject<Frame>();
    const done = lastValueFrom(source.pipe(writeFrames(out, { fps: 5 }), toArray())).catch((e: unknown) => e);
    for (const [i, [w, h]] of sizes.entries()) source.next(createFrame({ data: new Uint8Array(w * h * 3), width: w, height: h, index: i }));
    const err = await done;
    expect(err).toBeInstanceOf(EncoderError);
    expect((err as Error).message).toContain('frame 2 is 48x32, the video is 32x32');
    expect(await waitForNoFfmpeg()).toBe(0);
  });

  it('reports an unwritable target as EncoderError with ffmpeg\'s message', async () => {
    const out = path.join(tmp, 'no-such-dir', 'x.mp4');
    const err = await lastValueFrom(readFrames(DRIVING, { width: 64, height: 64 }).pipe(take(3), writeFrames(out, { fps: 5 }), map((f) => f.index), toArray())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EncoderError);
    expect((err as EncoderError).output).toBe(out);
    expect((err as EncoderError).detail).toMatch(/No such file or directory/);
    expect(await waitForNoFfmpeg()).toBe(0);
  });

  it('validates options', () => {
    expect(() => writeFrames('x.mp4', { fps: 0 })).toThrow(RangeError);
    expect(() => writeFrames('x.mp4', { fps: 'a' as unknown as number })).toThrow(TypeError);
    expect(() => writeFrames('x.mp4', { fps: 10, crf: 60 })).toThrow('Expected `crf` to be a number in [0, 51], got `60` (number)');
    expect(() => writeFrames('x.mp4', { fps: 10, timing: 'vfr' as 'fps' })).toThrow(RangeError);
  });
});
