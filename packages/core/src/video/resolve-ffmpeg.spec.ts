import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FfmpegNotFoundError } from '../shared/errors.js';
import { resolveBinary, resolveFfmpeg, resolveFfprobe } from './resolve-ffmpeg.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-resolve-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('resolveFfmpeg / resolveFfprobe', () => {
  it('core ships one provider: @ffmpeg-installer/ffmpeg, no ffprobe package (probeVideo uses ffmpeg)', () => {
    const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as Record<string, Record<string, string> | undefined>;
    expect(Object.keys(pkg.optionalDependencies ?? {})).toEqual(['@ffmpeg-installer/ffmpeg']);
    const all = { ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies };
    expect(Object.keys(all).filter((n) => /ffprobe/.test(n))).toEqual([]);
    expect(resolveFfmpeg()).toContain(`${path.sep}@ffmpeg-installer${path.sep}`);
  });

  it('find executable binaries (ffprobe: the root devDependency the specs compare with)', () => {
    const ffmpeg = resolveFfmpeg();
    const ffprobe = resolveFfprobe();
    console.log(`ffmpeg: ${ffmpeg}\nffprobe: ${ffprobe}`);
    for (const file of [ffmpeg, ffprobe]) {
      expect(fs.statSync(file).isFile()).toBe(true);
      expect(() => fs.accessSync(file, fs.constants.X_OK)).not.toThrow();
    }
    expect(path.basename(ffmpeg)).toBe('ffmpeg');
    expect(path.basename(ffprobe)).toBe('ffprobe');
  });

  it('FFMPEG_PATH wins; a binary without the exec bit is chmod-ed +x', () => {
    const fake = path.join(tmp, 'my-ffmpeg');
    fs.writeFileSync(fake, '#!/bin/sh\nexit 0\n', { mode: 0o644 });
    expect(resolveBinary('ffmpeg', { env: { FFMPEG_PATH: fake, PATH: '' } })).toBe(fake);
    expect(fs.statSync(fake).mode & 0o111).not.toBe(0);
  });

  it('skips a FFMPEG_PATH that does not exist and falls through to the packages', () => {
    const found = resolveBinary('ffmpeg', { env: { FFMPEG_PATH: path.join(tmp, 'nope'), PATH: '' } });
    expect(found).toBe(resolveFfmpeg());
  });

  it('finds the binary on PATH', () => {
    const dir = path.join(tmp, 'bin');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'ffprobe'), '#!/bin/sh\n', { mode: 0o755 });
    expect(resolveBinary('ffprobe', { env: { PATH: `/nonexistent${path.delimiter}${dir}` }, packages: false })).toBe(path.join(dir, 'ffprobe'));
  });

  it('throws FfmpegNotFoundError listing every place tried and why', () => {
    const dir = path.join(tmp, 'a-directory');
    fs.mkdirSync(dir);
    let err: unknown;
    try {
      resolveBinary('ffmpeg', { env: { FFMPEG_PATH: dir, PATH: '/nonexistent' }, packages: false });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FfmpegNotFoundError);
    const e = err as FfmpegNotFoundError;
    expect(e.binary).toBe('ffmpeg');
    expect(e.tried).toEqual([`FFMPEG_PATH: ${dir} is not a file`, 'PATH: no ffmpeg in 1 directory (/nonexistent)']);
    expect(e.message).toContain('set FFMPEG_PATH');
    expect(() => resolveBinary('ffprobe', { env: {}, packages: false })).toThrow('FFPROBE_PATH: not set');
  });
});
