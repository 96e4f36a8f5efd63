import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DecoderError } from '../shared/errors.js';
import { liveFfmpegCount, spawnedFfmpegTotal } from './ffmpeg-children.js';
import { probeVideo } from './probe-video.js';
import { resolveFfmpeg, resolveFfprobe } from './resolve-ffmpeg.js';

const shared = process.env.FACEPIPE_SHARED!;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-probe-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('probeVideo', () => {
  it('reads the Hamilton clip: 640x360, 29.97 fps, 275 frames from 852.019 ms, audio', async () => {
    const info = await probeVideo(path.join(shared, 'data/video/short_hamilton_clip.mp4'));
    console.log('hamilton', JSON.stringify(info));
    expect(info).toMatchObject({ width: 640, height: 360, frameCount: 275, rotation: 0, hasAudio: true, codec: 'h264', format: 'mov,mp4,m4a,3gp,3g2,mj2' });
    expect(info.fps).toBeCloseTo(29.97, 9);
    expect(info.baseFps).toBeCloseTo(29.97, 9);
    // time base 1/11988: first frame at pts 10214, 275 frames of 400 ticks
    expect(info.startMs).toBeCloseTo((10214 / 11988) * 1000, 9);
    expect(info.durationMs).toBeCloseTo((110000 / 11988) * 1000, 9);
    expect(Object.isFrozen(info)).toBe(true);
  });

  it('agrees with ffprobe (the root devDependency) on both clips', async () => {
    for (const name of ['short_hamilton_clip.mp4', 'driving.mp4']) {
      const file = path.join(shared, 'data/video', name);
      const json = JSON.parse(execFileSync(resolveFfprobe(), ['-v', 'error', '-select_streams', 'v:0', '-show_streams', '-show_format', '-of', 'json', file], { encoding: 'utf8' })) as {
        streams: Array<Record<string, string | number>>;
        format: Record<string, string>;
      };
      const v = json.streams[0]!;
      const rate = (r: unknown): number => String(r).split('/').map(Number).reduce((n, d) => n / d);
      const info = await probeVideo(file);
      expect(info).toMatchObject({ width: Number(v.width), height: Number(v.height), frameCount: Number(v.nb_frames), codec: v.codec_name, format: json.format.format_name });
      expect(info.fps).toBeCloseTo(rate(v.avg_frame_rate), 6);
      expect(info.baseFps).toBeCloseTo(rate(v.r_frame_rate), 6);
      expect(info.startMs).toBeCloseTo(Number(v.start_time) * 1000, 2); // ffprobe prints 6 decimals
      expect(info.durationMs).toBeCloseTo(Number(v.duration) * 1000, 2);
    }
  });

  it('runs ffmpeg once per probe and never ffprobe (FFPROBE_PATH is not read)', async () => {
    const log = path.join(tmp, 'calls.log');
    const wrap = (name: string, target: string): string => {
      const file = path.join(tmp, name);
      fs.writeFileSync(file, `#!/bin/sh\necho ${name} >> '${log}'\nexec '${target}' "$@"\n`, { mode: 0o755 });
      return file;
    };
    const saved = { FFMPEG_PATH: process.env.FFMPEG_PATH, FFPROBE_PATH: process.env.FFPROBE_PATH };
    process.env.FFMPEG_PATH = wrap('counting-ffmpeg', resolveFfmpeg());
    process.env.FFPROBE_PATH = wrap('counting-ffprobe', '/bin/false');
    try {
      const info = await probeVideo(path.join(shared, 'data/video/driving.mp4'));
      expect(info.frameCount).toBe(169);
      await probeVideo(path.join(shared, 'data/video/short_hamilton_clip.mp4'));
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    expect(fs.readFileSync(log, 'utf8').trim().split('\n')).toEqual(['counting-ffmpeg', 'counting-ffmpeg']);
  });

  it('a cover image is not a video track; an audio-only file has no video stream', async () => {
    const audio = path.join(tmp, 'audio.m4a');
    execFileSync(resolveFfmpeg(), ['-v', 'error', '-y', '-i', path.join(shared, 'data/video/short_hamilton_clip.mp4'), '-t', '0.5', '-vn', '-c:a', 'copy', audio]);
    const err = await probeVideo(audio).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecoderError);
    expect((err as DecoderError).message).toContain('No video stream');
    expect((err as DecoderError).detail).toBe('streams: audio');
    const cover = path.join(tmp, 'cover.mp3');
    execFileSync(resolveFfmpeg(), ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=d=0.3', '-f', 'lavfi', '-i', 'color=c=red:s=64x64:d=0.04', '-map', '0', '-map', '1', '-frames:v', '1', '-c:v', 'mjpeg', '-disposition:v', 'attached_pic', cover]);
    const coverErr = await probeVideo(cover).catch((e: unknown) => e);
    expect((coverErr as DecoderError).detail).toBe('streams: audio, video (attached pic)');
  });

  it('a URL is probed from its first packets only (not downloaded to its end): size, rate, container duration, no frameCount', async () => {
    const file = fs.readFileSync(path.join(shared, 'data/video/short_hamilton_clip.mp4'));
    const server = http.createServer((req, res) => {
      // honour byte ranges as a web server does, so ffmpeg can seek to the moov index
      const m = /bytes=(\d+)-(\d*)/.exec(req.headers.range ?? '');
      const from = m ? Number(m[1]) : 0;
      const to = m && m[2] ? Number(m[2]) : file.length - 1;
      const body = file.subarray(from, to + 1);
      res.writeHead(m ? 206 : 200, { 'content-type': 'video/mp4', 'accept-ranges': 'bytes', 'content-length': body.length, ...(m ? { 'content-range': `bytes ${from}-${to}/${file.length}` } : {}) });
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const info = await probeVideo(`http://127.0.0.1:${port}/clip.mp4`);
      expect(info).toMatchObject({ width: 640, height: 360, rotation: 0, codec: 'h264' });
      expect(info.fps).toBeCloseTo(29.97, 2);
      expect(info.durationMs).toBeGreaterThan(9000);
      expect(info.frameCount).toBeUndefined();
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('reads driving.mp4: 410x412, 25 fps, 169 frames, 6.76 s', async () => {
    const info = await probeVideo(path.join(shared, 'data/video/driving.mp4'));
    expect(info).toMatchObject({ width: 410, height: 412, fps: 25, frameCount: 169, startMs: 0, rotation: 0, hasAudio: true, codec: 'h264' });
    expect(info.durationMs).toBeCloseTo(6760, 3);
  });

  it('missing file: DecoderError naming the path, ffmpeg not spawned', async () => {
    const before = spawnedFfmpegTotal();
    const missing = path.join(tmp, 'missing.mp4');
    await expect(probeVideo(missing)).rejects.toThrow(DecoderError);
    await expect(probeVideo(missing)).rejects.toThrow(missing);
    expect(spawnedFfmpegTotal()).toBe(before);
  });

  it('empty file and text file: DecoderError; the text file carries ffmpeg\'s message', async () => {
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

  it('an aborted probe kills ffmpeg and rejects with AbortError', async () => {
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
