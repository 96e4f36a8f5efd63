import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveFfmpeg } from './resolve-ffmpeg.js';
import { startFfmpeg, type FfmpegFailure } from './start-ffmpeg.js';

// Its own file (its own process): fluent-ffmpeg caches what `ffmpeg -formats`/`-encoders` print once
// per process, so an earlier command in the same process would hide the calls this test looks for.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-ffmpeg-caps-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const lavfi = (seconds: number) => [{ source: `testsrc=size=32x32:rate=10:duration=${seconds}`, options: ['-f', 'lavfi'] }];
const run = (opts: Omit<Parameters<typeof startFfmpeg>[0], 'onDone'>): Promise<FfmpegFailure | undefined> => new Promise((resolve) => startFfmpeg({ ...opts, onDone: resolve }));

describe('startFfmpeg capability check', () => {
  it('runs no capability check (ffmpeg -formats/-encoders), and an unknown output format or encoder still fails with ffmpeg\'s own words', async () => {
    // a wrapper that logs each invocation's arguments, then runs the real ffmpeg
    const log = path.join(tmp, 'calls.log');
    const wrapper = path.join(tmp, 'ffmpeg-logged.sh');
    fs.writeFileSync(wrapper, `#!/bin/sh\necho "$*" >> '${log}'\nexec '${resolveFfmpeg()}' "$@"\n`, { mode: 0o755 });
    const badFormat = await run({ ffmpegPath: wrapper, inputs: lavfi(0.1), outputOptions: ['-f', 'no-such-format', '-y'], output: path.join(tmp, 'bad.out') });
    expect(badFormat).toMatchObject({ started: true, reason: expect.stringMatching(/ffmpeg exited with code 1/) });
    expect(badFormat!.stderr).toMatch(/'no-such-format' is not a suitable output format/);
    const badEncoder = await run({ ffmpegPath: wrapper, inputs: lavfi(0.1), outputOptions: ['-c:v', 'no-such-encoder', '-f', 'null'], output: '-' });
    expect(badEncoder).toMatchObject({ started: true, reason: expect.stringMatching(/ffmpeg exited with code 1/) });
    expect(badEncoder!.stderr).toMatch(/Unknown encoder 'no-such-encoder'/);
    const ok = await run({ ffmpegPath: wrapper, inputs: lavfi(0.1), outputOptions: ['-c:v', 'rawvideo', '-f', 'nut', '-y'], output: path.join(tmp, 'ok.nut') });
    expect(ok).toBeUndefined();
    const calls = fs.readFileSync(log, 'utf8').trim().split('\n');
    expect(calls).toHaveLength(3);
    expect(calls.some((c) => /(^| )-(formats|encoders)( |$)/.test(c))).toBe(false);
  });
});
