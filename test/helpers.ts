import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveFfmpeg } from '@facepipe/core';

/** Repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The shared assets folder (set by the vitest config). */
export const shared = process.env.FACEPIPE_SHARED ?? path.resolve(repoRoot, '../shared');
/** The built CLI entry point the tests run as a child process. */
/** The `facepipe` launcher (bin), which runs the bundled CLI (dist/bundle/main.js): the tests run what users run. */
export const cliPath = path.join(repoRoot, 'apps/video-cli/bin/facepipe.js');
export const hamilton = path.join(shared, 'data/video/short_hamilton_clip.mp4');
export const driving = path.join(shared, 'data/video/driving.mp4');

/** Fail early with a clear message when the CLI was not built. */
export function assertCliBuilt(): void {
  const bundle = path.join(repoRoot, 'apps/video-cli/dist/bundle/main.js');
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: build first (npm run build)`);
}

/** Environment of a CLI child: models from shared/, never downloads. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, FACEPIPE_SHARED: shared, FACEPIPE_MODELS: process.env.FACEPIPE_MODELS ?? path.join(shared, 'models'), FACEPIPE_OFFLINE: '1', ...extra };
}

/** Result of a finished CLI run. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run the built CLI to completion. */
export function runCliSync(args: readonly string[], options: { cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd: options.cwd ?? repoRoot, env: cliEnv(options.env), encoding: 'utf8', timeout: options.timeoutMs ?? 240_000, maxBuffer: 64 << 20 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Run the built CLI asynchronously (so the test process keeps its event loop). */
export function runCli(args: readonly string[], options: { cwd?: string } = {}): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [cliPath, ...args], { cwd: options.cwd ?? repoRoot, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** A fresh temporary folder. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `fp-e2e-${prefix}-`));
}

/** Encode the first `seconds` of `source` (no audio) to `target` with the bundled ffmpeg. */
export function makeClip(source: string, target: string, seconds: number, startSeconds = 0): void {
  const r = spawnSync(resolveFfmpeg(), ['-v', 'error', '-y', '-ss', String(startSeconds), '-i', source, '-t', String(seconds), '-an', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', target], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ffmpeg failed making ${target}: ${r.stderr}`);
}

/** Parsed lines of a JSONL file. */
export function readJsonl(file: string): Record<string, any>[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l));
}

/** Decoded frame count and size of a video, by decoding every frame with the bundled ffmpeg. */
export function decodeCount(file: string): { frames: number; width: number; height: number } {
  const r = spawnSync(resolveFfmpeg(), ['-v', 'info', '-i', file, '-map', '0:v:0', '-vsync', '0', '-f', 'null', '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ffmpeg could not decode ${file}: ${r.stderr.slice(-800)}`);
  const frames = [...r.stderr.matchAll(/frame=\s*(\d+)/g)].map((m) => Number(m[1])).at(-1) ?? 0;
  const size = /Stream #0:\d.*Video:.* (\d{2,5})x(\d{2,5})/.exec(r.stderr);
  return { frames, width: Number(size?.[1]), height: Number(size?.[2]) };
}

/** Poll `check` every 20 ms until it returns true or `timeoutMs` has passed; resolves to the last result. */
export async function pollUntil(check: () => boolean, timeoutMs = 120_000): Promise<boolean> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > timeoutMs) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

/** Send `signal` to `child` as soon as `ready()` holds (polled every 20 ms), or after `timeoutMs` anyway. */
export async function killWhen(child: ChildProcess, ready: () => boolean, signal: NodeJS.Signals, timeoutMs = 120_000): Promise<void> {
  await pollUntil(ready, timeoutMs);
  child.kill(signal);
}
