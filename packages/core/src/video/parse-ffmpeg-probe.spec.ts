import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DecoderError } from '../shared/errors.js';
import { createPacketTally, parseInputDescription, parseMappedVideo, pickRate } from './parse-ffmpeg-probe.js';
import { videoInfoFrom, type ProbeOutput } from './probe-video.js';

/**
 * Output of the probe's ffmpeg run (`probeOptions()` around `-i file`) captured from two builds: the 2018 N-47683 of
 * @ffmpeg-installer/linux-x64 and Debian's 5.1 (stream lines, side data and dispositions are printed
 * differently). The clips were cut from the shared videos (see the brackets for how).
 */
const BUILDS = ['ffmpeg-2018', 'ffmpeg-5.1'] as const;
const fixture = (build: string, name: string, kind: 'stderr' | 'framecrc'): string => {
  const url = new URL(`../test-support/ffmpeg-probe/${build}/${name}.${kind}.txt`, import.meta.url);
  return fs.existsSync(url) ? fs.readFileSync(url, 'latin1') : '';
};
const probe = (build: string, name: string): ProbeOutput => {
  const stderr = fixture(build, name, 'stderr');
  const description = parseInputDescription(stderr);
  if (!description) throw new Error(`no description in ${build}/${name}`);
  const packets = createPacketTally();
  for (const line of fixture(build, name, 'framecrc').split('\n')) packets.push(line);
  return { description, packets: packets.tally, videoIndex: parseMappedVideo(stderr) };
};

describe.each(BUILDS)('ffmpeg probe output of %s', (build) => {
  it('hamilton, 1 s copy (mp4, audio starts at 0, video at 844 ms): 5 frames at 29.97', () => {
    const p = probe(build, 'hamilton-1s-mp4');
    expect(p.description).toMatchObject({ format: 'mov,mp4,m4a,3gp,3g2,mj2', durationSec: 1.02, startSec: 0 });
    expect(p.description.streams.map((s) => [s.index, s.type, s.codec])).toEqual([[0, 'video', 'h264'], [1, 'audio', 'aac']]);
    expect(p.packets).toMatchObject({ timeBase: [1, 11988], count: 5, minPts: 10118, maxEnd: 12118 });
    const info = videoInfoFrom('h.mp4', p);
    expect(info).toMatchObject({ width: 640, height: 360, frameCount: 5, rotation: 0, hasAudio: true, codec: 'h264' });
    expect(info.fps).toBeCloseTo(29.97, 9); // ffprobe: avg_frame_rate 2997/100
    expect(info.startMs).toBeCloseTo((10118 / 11988) * 1000, 9); // ffprobe: start_time 0.844011
    expect(info.durationMs).toBeCloseTo((2000 / 11988) * 1000, 9); // ffprobe: duration 0.166834
  });

  it('rotation (rotate=90 written by the 2018 muxer): display size swapped, the edit-list-cut packet not counted', () => {
    const p = probe(build, 'rotated-mp4');
    const video = p.description.streams[0]!;
    expect(video.displayMatrix).toBe(90);
    expect(video.rotateTag).toBe(build === 'ffmpeg-2018' ? 270 : undefined); // 5.x prints only the display matrix
    const info = videoInfoFrom('r.mp4', p);
    expect(info).toMatchObject({ width: 412, height: 410, rotation: 270, fps: 25, baseFps: 25 });
    // ffprobe says nb_frames 12 / 0.48 s: one of them is flagged discard (cut by -t), 11 are shown
    expect(info.frameCount).toBe(11);
    expect(info.durationMs).toBeCloseTo(440, 9);
  });

  it('variable frame rate (25 fps with 3 frames dropped): fps 22 (average), baseFps 25 (grid)', () => {
    const info = videoInfoFrom('v.mp4', probe(build, 'vfr-mp4'));
    expect(info).toMatchObject({ fps: 22, baseFps: 25, frameCount: 22, startMs: 0, durationMs: 1000, hasAudio: false }); // = ffprobe
  });

  it('Matroska (time base 1/1000 printed as "1k tbn", no stored frame count): rates from the description, frames counted', () => {
    const p = probe(build, 'driving-mkv');
    expect(p.description.format).toBe('matroska,webm');
    expect(p.packets.timeBase).toEqual([1, 1000]);
    const info = videoInfoFrom('d.mkv', p);
    // 17 packets over 703 ms average 24.18/s; ffmpeg (and ffprobe) say 25, which is what the frames are on
    expect(info).toMatchObject({ fps: 25, baseFps: 25, frameCount: 17, startMs: 0, width: 410, height: 412 });
    expect(info.durationMs).toBeCloseTo(703, 9); // ffprobe: no stream duration, the container's 0.703 s
  });

  it('audio only: no video stream', () => {
    const p = probe(build, 'audio-only-m4a');
    expect(p.videoIndex).toBeNull();
    expect(() => videoInfoFrom('a.m4a', p)).toThrow(DecoderError);
    expect(() => videoInfoFrom('a.m4a', p)).toThrow('streams: audio');
  });

  it('an mp3 whose only picture is its cover: no video stream (old builds do not print "attached pic")', () => {
    const p = probe(build, 'cover-mp3');
    expect(p.description.streams.map((s) => s.type)).toEqual(['audio', 'video']);
    expect(p.description.streams[1]!.attachedPic).toBe(build !== 'ffmpeg-2018');
    expect(p.videoIndex).toBeNull();
    expect(() => videoInfoFrom('c.mp3', p)).toThrow('streams: audio, video (attached pic)');
  });

  it('not a media file: no description', () => {
    const stderr = fixture(build, 'text-mp4', 'stderr');
    expect(stderr).toContain('moov atom not found');
    expect(parseInputDescription(stderr)).toBeUndefined();
    expect(parseMappedVideo(stderr)).toBeUndefined();
  });
});

describe('parse helpers', () => {
  it('stream lines: attributes split outside parentheses; size, rates with k suffix', () => {
    const d = parseInputDescription(
      [
        "Input #0, mpegts, from 'udp://127.0.0.1:5000':",
        '  Duration: N/A, start: 1.400000, bitrate: N/A',
        '  Program 1',
        '  Stream #0:0[0x100]: Video: h264 (High) ([27][0][0][0] / 0x001B), yuv420p(tv, bt709, progressive), 1920x1080 [SAR 1:1 DAR 16:9], 23.98 fps, 23.98 tbr, 90k tbn (default)',
        "Output #0, framecrc, to 'pipe:':",
        '  Stream #0:0: Video: h264, 1x1, 1 fps',
      ].join('\n'),
    )!;
    expect(d).toEqual({ format: 'mpegts', startSec: 1.4, streams: [{ index: 0, type: 'video', codec: 'h264', width: 1920, height: 1080, fps: 23.98, tbr: 23.98, attachedPic: false }] });
  });

  it('pickRate: exact when the printed one agrees, else the printed one with NTSC rounding undone', () => {
    expect(pickRate(29.97, 29.97)).toBe(29.97);
    expect(pickRate(29.97, 30000 / 1001)).toBe(30000 / 1001);
    expect(pickRate(23.98, undefined)).toBeCloseTo(24000 / 1001, 12);
    expect(pickRate(25, 24.18)).toBe(25);
    expect(pickRate(undefined, 12.5)).toBe(12.5);
    expect(pickRate(undefined, undefined)).toBe(0);
  });

  it('framecrc tally: skips other streams, discarded packets and headers; NOPTS falls back to dts', () => {
    const t = createPacketTally();
    for (const l of ['#tb 0: 1/90000', '0, 3000, 3000, 3000, 10, 0x1', '1, 0, 0, 1024, 5, 0x2', '0, 6000, -9223372036854775808, 3000, 10, 0x3, F=0x0', '0, 9000, 9000, 3000, 10, 0x4, F=0x5']) t.push(l);
    expect(t.tally).toEqual({ timeBase: [1, 90000], count: 2, minPts: 3000, maxPts: 6000, maxEnd: 9000 });
  });
});
