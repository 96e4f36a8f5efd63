import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { liveFfmpegCount } from './ffmpeg-children.js';
import { startFfmpeg, type FfmpegFailure } from './start-ffmpeg.js';


const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-start-ffmpeg-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const lavfi = (seconds: number) => [{ source: `testsrc=size=32x32:rate=10:duration=${seconds}`, options: ['-f', 'lavfi'] }];
const run = (opts: Omit<Parameters<typeof startFfmpeg>[0], 'onDone'>): Promise<FfmpegFailure | undefined> => new Promise((resolve) => startFfmpeg({ ...opts, onDone: resolve }));

async function waitForFfmpegCount(baseline: number): Promise<number> {
  for (let i = 0; i < 100 && liveFfmpegCount() > baseline; i++) await new Promise((r) => setTimeout(r, 20));
  return liveFfmpegCount();
}

describe('startFfmpeg', () => {
  it('runs ffmpeg to a file and reports a clean exit; stderr lines arrive one by one', async () => {
    const out = path.join(tmp, 'ok.nut');
    const lines: string[] = [];
    const failure = await run({ inputs: lavfi(0.3), outputOptions: ['-c:v', 'rawvideo', '-loglevel', 'info', '-y'], output: out, onStderrLine: (l) => lines.push(l) });
    expect(failure).toBeUndefined();
    expect(fs.statSync(out).size).toBeGreaterThan(3 * 32 * 32 * 3);
    expect(lines.some((l) => /Output #0/.test(l))).toBe(true);
  });

  it('a non-zero exit is a failure with the reason and the stderr tail', async () => {
    const failure = await run({ inputs: lavfi(0.1), outputOptions: ['-f', 'mp4', '-y'], output: path.join(tmp, 'no-dir', 'x.mp4') });
    expect(failure).toMatchObject({ started: true, reason: expect.stringMatching(/ffmpeg exited with code/) });
    expect(failure!.stderr).toMatch(/No such file or directory/);
  });

  it('kill() SIGKILLs a running ffmpeg, silences onDone, and the child is reaped', async () => {
    const baseline = liveFfmpegCount();
    let called = false;
    // -re: read the source in real time, so ffmpeg is surely still running when the kill lands
    const proc = startFfmpeg({ inputs: [{ source: 'testsrc=size=32x32:rate=10:duration=60', options: ['-re', '-f', 'lavfi'] }], outputOptions: ['-f', 'null'], output: '-', onDone: () => void (called = true) });
    for (let i = 0; i < 100 && !proc.child; i++) await new Promise((r) => setTimeout(r, 10));
    expect(proc.child).toBeDefined();
    proc.kill();
    expect(await waitForFfmpegCount(baseline)).toBe(baseline);
    // the count drops as the kill is sent; the exit status arrives with the child's exit event
    const child = proc.child!;
    if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
    expect(child.signalCode).toBe('SIGKILL');
    await new Promise((r) => setTimeout(r, 50));
    expect(called).toBe(false);
  });
});
