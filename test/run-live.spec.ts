import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, loopbackSenders } from '../packages/core/src/testing/loopback-sender.js';
import { assertCliBuilt, cliEnv, cliPath, decodeCount, driving, hamilton, readJsonl, repoRoot, runCli, tempDir } from './helpers.js';

// Loopback only: ffmpeg sends a shared clip in real time (-re) on 127.0.0.1 or a pipe.
const senders = loopbackSenders();
const sender = senders.start;
afterEach(() => senders.killAll());
beforeAll(() => assertCliBuilt());

async function waitFor(what: string, cond: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('facepipe run --live', () => {
  it('- --out -: JSONL lines reach stdout while the stream still runs, and the run ends cleanly at the end of the stream', async () => {
    const s = await sender({ protocol: 'pipe', clip: driving, seconds: 4, width: 410 });
    const child = spawn(process.execPath, [cliPath, 'run', '-', '--live', '--out', '-', '--stages', 'detect'], { cwd: repoRoot, env: cliEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    s.stdout!.pipe(child.stdin!);
    let stdout = '';
    let stderr = '';
    let senderDone = false;
    let linesBeforeSenderEnd = 0;
    void s.exited.then(() => (senderDone = true));
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (!senderDone) linesBeforeSenderEnd = stdout.split('\n').length - 1;
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(0);
    expect(linesBeforeSenderEnd).toBeGreaterThan(0); // a tail -f of stdout sees results while the stream runs
    const lines = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);
    expect(lines.length).toBeGreaterThan(20);
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.frame).toBeGreaterThan(lines[i - 1]!.frame);
    for (const l of lines) {
      expect(l).toMatchObject({ width: 410, height: 412 });
      expect(l.latencyMs).toBeGreaterThanOrEqual(0);
      expect(l.arrivalMs).toBeGreaterThan(1.7e12);
      expect(Array.isArray(l.faces)).toBe(true);
    }
    // driving.mp4 is one close-up talking face: UltraFace finds it in (nearly) every frame
    expect(lines.filter((l) => l.faces.length > 0).length / lines.length).toBeGreaterThan(0.9);
    expect(stderr).toMatch(/live: done, \d+ frames/);
  });

  it('tcp --reconnect --annotate: survives a sender killed mid-stream, and Ctrl-C leaves a complete JSONL and a playable mp4', async () => {
    const first = await sender({ protocol: 'tcp', clip: hamilton, loop: true, width: 640 });
    const out = tempDir('live');
    const { child, done } = runCli(['run', first.url, '--live', '--reconnect', '--annotate', '--stages', 'detect', '--out', out]);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const jsonl = path.join(out, `tcp-127.0.0.1-${first.port}.jsonl`);
    const lineCount = (): number => (fs.existsSync(jsonl) ? fs.readFileSync(jsonl, 'utf8').split('\n').length - 1 : 0);
    await waitFor('15 lines from the first sender', () => lineCount() >= 15);
    await first.kill();
    await waitFor('the reconnect attempt', () => /live: reconnecting in/.test(stderr));
    const beforeSecond = lineCount();
    await sender({ protocol: 'tcp', clip: hamilton, loop: true, width: 640, port: first.port! });
    await waitFor('15 lines from the second sender', () => lineCount() >= beforeSecond + 15);
    child.kill('SIGINT');
    const r = await done;
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/live: connected \(attempt \d+\)/);
    expect(r.stderr).toMatch(/live: interrupted/);
    const lines = readJsonl(jsonl); // every line parses: nothing half-written
    expect(lines.length).toBeGreaterThanOrEqual(beforeSecond + 15);
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.frame).toBeGreaterThan(lines[i - 1]!.frame);
    const video = decodeCount(path.join(out, `tcp-127.0.0.1-${first.port}.annotated.mp4`));
    expect(video).toMatchObject({ width: 640, height: 360 });
    expect(video.frames).toBeGreaterThan(0);
    expect(video.frames).toBeLessThanOrEqual(lines.length);
  });

  it('udp --annotate: the annotated mp4 of a SIGKILLed run still plays; --out - stops with exit 0 when its reader goes away', async () => {
    const { freePort } = await import('../packages/core/src/testing/loopback-sender.js');
    const port = await freePort('udp');
    const out = tempDir('live-kill');
    const { child, done } = runCli(['run', `udp://127.0.0.1:${port}`, '--live', '--annotate', '--stages', 'detect', '--out', path.join(out, 'cam.jsonl')]);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    await waitFor('ffmpeg to be started', () => /live: connected/.test(stderr) || fs.existsSync(path.join(out, 'cam.jsonl')), 60_000);
    await sender({ protocol: 'udp', clip: hamilton, loop: true, width: 640, port });
    const lineCount = (): number => fs.readFileSync(path.join(out, 'cam.jsonl'), 'utf8').split('\n').length - 1;
    await waitFor('45 lines (more than one 1 s fragment)', () => lineCount() >= 45);
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    await new Promise((r) => setTimeout(r, 1000)); // the encoder sees its stdin close and ends the file
    const video = decodeCount(path.join(out, 'cam.annotated.mp4'));
    expect(video).toMatchObject({ width: 640, height: 360 });
    expect(video.frames).toBeGreaterThanOrEqual(30);

    // a reader that stops after the first line (like `| head -1`)
    const reader = runCli(['run', `udp://127.0.0.1:${port}`, '--live', '--stages', 'detect', '--out', '-']);
    const first = await new Promise<string>((resolve) => reader.child.stdout!.once('data', (d: Buffer) => resolve(d.toString())));
    expect(JSON.parse(first.split('\n')[0]!)).toHaveProperty('latencyMs');
    reader.child.stdout!.destroy();
    const r = await reader.done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/live: stdout closed/);
  });

  it('a tcp:// sender that is not there: the run fails (exit 1) and says why, with ffmpeg\'s cause', async () => {
    const port = await freePort('tcp'); // free a moment ago: nothing listens there
    const out = tempDir('live-refused');
    const r = await runCli(['run', `tcp://127.0.0.1:${port}`, '--live', '--stages', 'detect', '--out', out]).done;
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^live: failed: DecoderError: .*tcp://127\\.0\\.0\\.1:${port}.*Connection refused`, 'm'));
    expect(r.stderr).toMatch(/^live: disconnected \(error: .*Connection refused/m);
  });

  it('usage errors: two inputs, --masks, --annotate with --out -', async () => {
    for (const args of [
      ['run', 'udp://127.0.0.1:9', 'udp://127.0.0.1:10', '--live'],
      ['run', 'udp://127.0.0.1:9', '--live', '--masks'],
      ['run', 'udp://127.0.0.1:9', '--live', '--annotate', '--out', '-'],
      ['run', 'clip.mp4', '--reconnect'],
      ['run', 'clip.mp4', '--out', '-'], // a batch writes files into a folder, not a folder named '-'
    ]) {
      const r = await runCli(args).done;
      expect(r.code, args.join(' ')).toBe(2);
    }
  });
});
