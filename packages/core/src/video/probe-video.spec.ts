import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DecoderError } from '../shared/errors.js';
import { liveFfmpegCount, spawnedFfmpegTotal } from './ffmpeg-children.js';
import { probeVideo } from './probe-video.js';

const shared = process.env.FACEPIPE_SHARED!;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-probe-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('probeVideo', () => {
  it('reads the Hamilton clip: 640x360, 29.97 fps, 275 frames from 852.019 ms, audio', async () => {
    const info = await probeVideo(path.join(shared, 'data/video/short_hamilton_clip.mp4'));
    console.log('hamilton', JSON.stringify(info));
    expect(info).toMatchObject({ width: 640, height: 360, frameCount: 275, rotation: 0, hasAudio: true, codec: 'h264' });
    expect(info.fps).toBeCloseTo(29.97, 6);
    expect(info.startMs).toBeCloseTo(852.019, 3);
    expect(info.durationMs).toBeCloseTo(9175.843, 3);
    expect(Object.isFrozen(info)).toBe(true);
  });

  it('reads driving.mp4: 410x412, 25 fps, 169 frames, 6.76 s', async () => {
    const info = await probeVideo(path.join(shared, 'data/video/driving.mp4'));
    expect(info).toMatchObject({ width: 410, height: 412, fps: 25, frameCount: 169, startMs: 0, rotation: 0, hasAudio: true, codec: 'h264' });
    expect(info.durationMs).toBeCloseTo(6760, 3);
  });

  it('missing file: DecoderError naming the path, ffprobe not spawned', async () => {
    const before = spawnedFfmpegTotal();
    const missing = path.join(tmp, 'missing.mp4');
    await expect(probeVideo(missing)).rejects.toThrow(DecoderError);
    await expect(probeVideo(missing)).rejects.toThrow(missing);
    expect(spawnedFfmpegTotal()).toBe(before);
  });

  it('empty file and text file: DecoderError; the text file carries ffprobe\'s message', async () => {
    const empty = path.join(tmp, 'empty.mp4');
    fs.writeFileSync(empty, '');
    await expect(probeVideo(empty)).rejects.toThrow('Video file is empty (0 bytes)');
    const text = path.join(tmp, 'text.mp4');
    fs.writeFileSync(text, 'hello, not a video\n');
    const err = await probeVideo(text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecoderError);
    expect((err as DecoderError).input).toBe(text);
    expect((err as DecoderError).detail).toMatch(/moov atom not found|Invalid data found/);
  });

  it('an aborted probe kills ffprobe and rejects with AbortError', async () => {
    const controller = new AbortController();
    const before = spawnedFfmpegTotal();
    const pending = probeVideo(path.join(shared, 'data/video/short_hamilton_clip.mp4'), { signal: controller.signal });
    for (let i = 0; i < 200 && spawnedFfmpegTotal() === before; i++) await new Promise((r) => setTimeout(r, 1));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    for (let i = 0; i < 100 && liveFfmpegCount() > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(liveFfmpegCount()).toBe(0);
  });

  it('validates its argument', async () => {
    await expect(probeVideo('' as string)).rejects.toThrow(TypeError);
  });
});
