import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { probeVideo, resolveFfmpeg } from '@facepipe/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFiles, type FileServer } from '../test-support/serve-files.js';
import { openInputSources } from './input-source.js';
import { UsageError } from './usage-error.js';

const shared = process.env.FACEPIPE_SHARED!;
const photo = path.join(shared, 'data/photos/fr_biden.jpg');

describe('openInputSources', () => {
  let tmp: string;
  let clip: string;
  let server: FileServer;
  let base: string;
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-input-source-'));
    clip = path.join(tmp, 'clip.mp4');
    const r = spawnSync(resolveFfmpeg(), ['-v', 'error', '-i', path.join(shared, 'data/video/driving.mp4'), '-t', '1', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-an', '-y', clip]);
    expect(r.status, String(r.stderr)).toBe(0);
    server = await serveFiles({ '/media/clip.mp4': clip, '/norange/clip.mp4': clip, '/media/face': photo }, { noRanges: ['/norange/clip.mp4'] });
    base = server.base;
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('an http:// video is read by ffmpeg into a local copy named after the URL, with every frame', async () => {
    const src = await openInputSources([`${base}/media/clip.mp4`, clip]);
    const [copy, local] = src.inputs;
    expect(local).toBe(clip);
    expect(path.basename(copy!)).toBe('clip.mp4');
    const [a, b] = await Promise.all([probeVideo(copy!), probeVideo(clip)]);
    expect(a.frameCount).toBe(b.frameCount);
    expect(a.frameCount).toBeGreaterThanOrEqual(20);
    expect([a.width, a.height]).toEqual([b.width, b.height]);
    await src.dispose();
    expect(fs.existsSync(copy!)).toBe(false);
  });

  it('a URL without a media extension gets a container ffmpeg can write', async () => {
    const src = await openInputSources([`${base}/media/face`]);
    expect(path.basename(src.inputs[0]!)).toBe('face.mkv');
    expect(fs.statSync(src.inputs[0]!).size).toBeGreaterThan(1000);
    await src.dispose();
  });

  it('a URL ffmpeg cannot read fails naming the URL and ffmpeg\'s words, leaving no temp files', async () => {
    const err = await openInputSources([`${base}/media/missing.mp4`]).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(new RegExp(`^could not read ${base}/media/missing\\.mp4 through ffmpeg \\(exit \\d+\\): .*404`));
  });

  it('a server ignoring range requests: the truncated copy is refused, not passed on', async () => {
    await expect(openInputSources([`${base}/norange/clip.mp4`])).rejects.toThrow(/^could not read http:\S+norange\/clip\.mp4: ffmpeg's copy has no playable video/);
  });

  it('- copies standard input; an image is recognised by its bytes', async () => {
    const video = await openInputSources(['-'], { stdin: Readable.from([fs.readFileSync(clip)]) });
    expect(path.basename(video.inputs[0]!)).toBe('stdin');
    expect(fs.readFileSync(video.inputs[0]!).equals(fs.readFileSync(clip))).toBe(true);
    await video.dispose();
    const image = await openInputSources(['-'], { stdin: Readable.from([fs.readFileSync(photo)]) });
    expect(path.basename(image.inputs[0]!)).toBe('stdin.jpg');
    await image.dispose();
  });

  it('file:// URLs become paths; bad uses of - are usage errors', async () => {
    expect((await openInputSources([pathToFileURL(clip).href])).inputs).toEqual([clip]);
    await expect(openInputSources(['-', '-'])).rejects.toThrow(UsageError);
    await expect(openInputSources(['-'], { stdin: Object.assign(Readable.from([]), { isTTY: true }) })).rejects.toThrow(/standard input is a terminal/);
    await expect(openInputSources(['-'], { stdin: Readable.from([]) })).rejects.toThrow(/standard input was empty/);
  });
});
