import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rawVideoMkvFrameHeader, rawVideoMkvHeader } from './raw-video-mkv.js';
import { resolveFfprobe } from './resolve-ffmpeg.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-mkv-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('rawVideoMkvHeader / rawVideoMkvFrameHeader', () => {
  it('ffprobe reads the stream as rgb24 rawvideo of that size, each frame at its own microsecond time', () => {
    const file = path.join(tmp, 'three.mkv');
    const bytes = 6 * 4 * 3;
    const times = [0, 40_000, 1_250_000];
    fs.writeFileSync(file, Buffer.concat([rawVideoMkvHeader(6, 4, 25), ...times.flatMap((t, i) => [rawVideoMkvFrameHeader(t, bytes), Buffer.alloc(bytes, i)])]));
    const run = (args: string[]): string => execFileSync(resolveFfprobe(), ['-v', 'error', ...args, '-of', 'csv=p=0', file], { encoding: 'utf8' }).trim();
    expect(run(['-show_entries', 'stream=codec_name,pix_fmt,width,height'])).toBe('rawvideo,6,4,rgb24');
    expect(run(['-show_entries', 'packet=pts_time,size']).split('\n')).toEqual(['0.000000,72', '0.040000,72', '1.250000,72']);
    expect(rawVideoMkvFrameHeader(0, bytes)).toHaveLength(42);
  });
});
