// Regression tests of the reliability issue, part A (items 1, 6, 7, 9, 10 and --keep-decodable):
// real clips generated here with the bundled ffmpeg, the built CLI run as a child process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { resolveFfmpeg, resolveFfprobe } from '@facepipe/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, decodeCount, driving, hamilton, pollUntil, readJsonl, runCli, runCliSync, tempDir } from './helpers.js';

function ffmpeg(args: string[]): void {
  const r = spawnSync(resolveFfmpeg(), ['-v', 'error', '-y', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed: ${r.stderr}`);
}

function probe(file: string, entries: string, select = 'v:0'): string[] {
  const r = spawnSync(resolveFfprobe(), ['-v', 'error', '-select_streams', select, '-show_entries', entries, '-of', 'csv=p=0', file], { encoding: 'utf8' });
  return r.stdout.split('\n').filter(Boolean);
}

const truncate = (from: string, to: string, fraction: number): void => {
  const bytes = fs.readFileSync(from);
  fs.writeFileSync(to, bytes.subarray(0, Math.floor(bytes.length * fraction)));
};

describe('reliability (part A)', () => {
  let dir: string;
  let shortAudio: string;
  let vfr: string;
  let odd: string;
  let damaged: string;
  let cutEarly: string;
  beforeAll(() => {
    assertCliBuilt();
    dir = tempDir('rel-a');
    shortAudio = path.join(dir, 'audio-2s-video-3s.mp4');
    ffmpeg(['-t', '3', '-i', driving, '-f', 'lavfi', '-t', '2', '-i', 'sine=frequency=440:sample_rate=44100', '-map', '0:v', '-map', '1:a', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', shortAudio]);
    // variable frame rate: 25 fps with a one-second hole (frames 25-49 dropped), 3.1 s long
    vfr = path.join(dir, 'vfr.mp4');
    ffmpeg(['-t', '3.1', '-i', driving, '-an', '-vf', "select='not(between(n,25,49))'", '-vsync', 'vfr', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', vfr]);
    odd = path.join(dir, 'odd-205x103.nut');
    ffmpeg(['-t', '0.4', '-i', driving, '-an', '-vf', 'scale=205:103', '-c:v', 'rawvideo', '-pix_fmt', 'rgb24', odd]);
    const whole = path.join(dir, 'whole.mp4');
    ffmpeg(['-t', '2', '-i', driving, '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-movflags', '+faststart', whole]);
    damaged = path.join(dir, 'damaged.mp4');
    truncate(whole, damaged, 0.6);
    cutEarly = path.join(dir, 'cut-early.mp4');
    truncate(whole, cutEarly, 0.02);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('1: audio that ends before the video: the annotated mp4 has every JSONL frame (was 53 of 75) and audio to the end', () => {
    const out = path.join(dir, 'out1');
    const r = runCliSync(['run', shortAudio, '--stages', 'detect', '--annotate', '--out', out, '--workers', '0', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const lines = readJsonl(path.join(out, 'audio-2s-video-3s.jsonl'));
    const video = decodeCount(path.join(out, 'audio-2s-video-3s.annotated.mp4'));
    console.log(`item 1: ${lines.length} JSONL lines, annotated mp4 ${video.frames} frames`);
    expect(lines).toHaveLength(75);
    expect(video.frames).toBe(lines.length);
    const audioSeconds = Number(probe(path.join(out, 'audio-2s-video-3s.annotated.mp4'), 'stream=duration', 'a:0')[0]);
    expect(audioSeconds).toBeGreaterThan(2.9);
  });

  it('9: --fps on a variable-rate source keeps the source timestamps (the 1 s hole stays a hole); odd sizes pad right/bottom', () => {
    const out = path.join(dir, 'out9');
    const r = runCliSync(['run', vfr, odd, '--stages', 'detect', '--fps', '5', '--annotate', '--out', out, '--workers', '0', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const lines = readJsonl(path.join(out, 'vfr.jsonl'));
    const pts = probe(path.join(out, 'vfr.annotated.mp4'), 'packet=pts_time').map(Number).sort((a, b) => a - b);
    const jsonlMs = lines.map((l) => Math.round(l.timeMs - lines[0]!.timeMs));
    const videoMs = pts.map((t) => Math.round((t - pts[0]!) * 1000));
    console.log(`item 9: JSONL ${jsonlMs.join(' ')} ms; annotated ${videoMs.join(' ')} ms`);
    expect(jsonlMs).toContain(2000); // the source's hole is in the data ...
    expect(videoMs).toEqual(jsonlMs); // ... and in the video (a constant 5 fps put these frames at 0, 200, ..., 2000)
    const oddLines = readJsonl(path.join(out, 'odd-205x103.jsonl'));
    expect([oddLines[0]!.width, oddLines[0]!.height]).toEqual([205, 103]);
    const oddVideo = decodeCount(path.join(out, 'odd-205x103.annotated.mp4'));
    expect(oddVideo).toEqual({ frames: oddLines.length, width: 206, height: 104 });
  });

  it('6: a second Ctrl-C (and SIGHUP) with the segment stage: exit 130, no partial left, no native abort', async () => {
    // the exit status a shell sees: a signal that lands in the last milliseconds of the process's own
    // exit (handlers already gone) ends it by that signal, which is 128 + 2 = 130 for SIGINT too
    const SIGNAL_NUMBER: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGABRT: 6, SIGKILL: 9, SIGTERM: 15 };
    const rounds: { signals: string; status: number; left: string[]; abort: boolean }[] = [];
    for (const [i, [first, delay]] of ([['SIGINT', 0], ['SIGINT', 250], ['SIGINT', 600], ['SIGHUP', 300]] as const).entries()) {
      const out = path.join(dir, `out6-${i}`);
      const { child, done } = runCli(['run', hamilton, '--stages', 'detect,segment', '--masks', '--annotate', '--workers', '1', '--out', out]);
      let seen = '';
      let fired = false;
      child.stderr!.on('data', (d: Buffer) => {
        seen += d.toString();
        if (!fired && /started/.test(seen)) {
          fired = true;
          setTimeout(() => {
            child.kill(first);
            if (first === 'SIGINT') setTimeout(() => child.kill('SIGINT'), 40);
          }, delay);
        }
      });
      const r = await done;
      const left = fs.existsSync(out) ? fs.readdirSync(out) : [];
      const status = r.code ?? 128 + (SIGNAL_NUMBER[r.signal ?? ''] ?? 0);
      rounds.push({ signals: first === 'SIGINT' ? `SIGINT x2 at +${delay} ms` : `${first} at +${delay} ms`, status, left, abort: /terminate called|Napi::Error|Aborted/.test(r.stderr) });
    }
    console.log(`item 6: ${JSON.stringify(rounds)}`);
    expect(rounds.map((x) => [x.status, x.left, x.abort])).toEqual(rounds.map(() => [130, [], false]));
  });

  it('7: the error line keeps the cause of a truncated file, and models verify prints the file and every folder looked in', () => {
    const out = path.join(dir, 'out7');
    const r = runCliSync(['run', cutEarly, '--stages', 'detect', '--out', out, '--workers', '0', '--json']);
    expect(r.code).toBe(1);
    const error: string = JSON.parse(r.stdout).files[0].error;
    console.log(`item 7: ${error}`);
    expect(error).toContain(cutEarly);
    expect(error).toMatch(/partial file|Invalid data/);
    expect(error).not.toMatch(/\[info\]|Stream mapping|handler_name/);

    const empty = path.join(dir, 'no-models');
    const bad = path.join(dir, 'bad-models');
    fs.mkdirSync(empty);
    fs.mkdirSync(path.join(bad, 'ultraface'), { recursive: true });
    fs.writeFileSync(path.join(bad, 'ultraface', 'version-RFB-320.onnx'), 'not a model\n');
    const missing = runCliSync(['models', 'verify', 'ultraface-rfb-320'], { env: { FACEPIPE_MODELS: empty, XDG_CACHE_HOME: empty } });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(`${path.join(empty, 'version-RFB-320.onnx')} (FACEPIPE_MODELS folder): not found`);
    expect(missing.stdout).toContain(`${path.join(empty, 'facepipe', 'version-RFB-320.onnx')} (user cache): not found`);
    const corrupt = runCliSync(['models', 'verify', 'ultraface-rfb-320'], { env: { FACEPIPE_MODELS: bad, XDG_CACHE_HOME: empty } });
    expect(corrupt.code).toBe(1);
    expect(corrupt.stdout).toMatch(new RegExp(`FAILED +ultraface-rfb-320 +${path.join(bad, 'ultraface', 'version-RFB-320.onnx').replace(/[.]/g, '\\.')} +sha256 mismatch`));
  });

  it('10 + --keep-decodable: a damaged video reports the frames it got; with the flag it is done from its decodable frames and marked damaged', () => {
    const strict = runCliSync(['run', damaged, '--stages', 'detect', '--out', path.join(dir, 'out10a'), '--workers', '0', '--json']);
    expect(strict.code).toBe(1);
    const failed = JSON.parse(strict.stdout).files[0];
    const kept = runCliSync(['run', damaged, '--stages', 'detect', '--annotate', '--keep-decodable', '--out', path.join(dir, 'out10b'), '--workers', '0', '--json']);
    expect(kept.code, kept.stderr).toBe(0);
    const summary = JSON.parse(kept.stdout);
    const file = summary.files[0];
    const lines = readJsonl(path.join(dir, 'out10b', 'damaged.jsonl'));
    console.log(`item 10: failed input reports ${failed.frames} frames; --keep-decodable: ${file.status}, ${file.frames} frames, ${lines.length} lines, damage: ${file.damage}`);
    expect(failed.status).toBe('failed');
    expect(failed.frames).toBeGreaterThan(10); // was 0
    expect(file.status).toBe('done');
    expect(summary.damaged).toBe(1);
    expect(file.damage).toMatch(/partial file|Invalid data|NAL/);
    expect(kept.stderr).toMatch(/DAMAGED input/);
    expect(lines).toHaveLength(file.frames);
    // the failed run finished every frame the decoder gave before failing (the error no longer
    // overtakes frames still in the stages, and the tracker flushes the ones it held back)
    expect(failed.frames).toBe(file.frames);
    expect(decodeCount(path.join(dir, 'out10b', 'damaged.annotated.mp4')).frames).toBe(lines.length);
  });

  it('10: an interrupted input reports the frames it had written (was 0)', async () => {
    const out = path.join(dir, 'out10c');
    const { child, done } = runCli(['run', hamilton, '--stages', 'detect', '--workers', '0', '--out', out, '--json']);
    // interrupt once the partial JSONL holds a dozen lines or so
    await pollUntil(() => {
      const partial = fs.existsSync(out) ? fs.readdirSync(out).find((n) => n.includes('.partial-')) : undefined;
      return partial !== undefined && fs.statSync(path.join(out, partial)).size > 2000;
    }, 60_000);
    child.kill('SIGINT');
    const r = await done;
    expect(r.code, r.stderr).toBe(130);
    const file = JSON.parse(r.stdout).files[0];
    console.log(`item 10: interrupted input reports ${file.frames} frames`);
    expect(file.status).toBe('interrupted');
    expect(file.frames).toBeGreaterThan(0);
  });
});
