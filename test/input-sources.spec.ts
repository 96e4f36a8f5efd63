import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFiles, type FileServer } from '../apps/video-cli/src/test-support/serve-files.js';
import { assertCliBuilt, cliEnv, cliPath, driving, makeClip, readJsonl, tempDir, type CliResult } from './helpers.js';

/** Run the built CLI with `stdinFile` piped to its standard input. */
function runWithStdin(args: readonly string[], stdinFile: string | undefined, cwd: string): Promise<CliResult> {
  const child = spawn(process.execPath, [cliPath, ...args], { cwd, env: cliEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  if (stdinFile) fs.createReadStream(stdinFile).pipe(child.stdin);
  else child.stdin.end();
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

describe('facepipe run: standard input and http:// inputs', () => {
  let dir: string;
  let clip: string;
  let server: FileServer;
  let base: string;
  beforeAll(async () => {
    assertCliBuilt();
    dir = tempDir('inputs');
    clip = path.join(dir, 'clip.mp4');
    makeClip(driving, clip, 1);
    server = await serveFiles({ '/v/clip.mp4': clip });
    base = server.base;
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('`facepipe run -` reads a finite video from stdin into stdin.jsonl, the same lines as the file gives', async () => {
    const [piped, direct] = await Promise.all([
      runWithStdin(['run', '-', '--stages', 'detect', '--out', 'a', '--quiet'], clip, dir),
      runWithStdin(['run', clip, '--stages', 'detect', '--out', 'b', '--quiet'], undefined, dir),
    ]);
    expect(piped.code, piped.stderr).toBe(0);
    expect(direct.code, direct.stderr).toBe(0);
    const a = readJsonl(path.join(dir, 'a/stdin.jsonl'));
    const b = readJsonl(path.join(dir, 'b/clip.jsonl'));
    expect(a.length).toBeGreaterThanOrEqual(20);
    expect(a).toEqual(b);
  });

  it('an http:// URL is read through ffmpeg; outputs are named after the URL file', async () => {
    const r = await runWithStdin(['run', `${base}/v/clip.mp4`, '--stages', 'detect', '--out', 'c', '--json'], undefined, dir);
    expect(r.code, r.stderr).toBe(0);
    const lines = readJsonl(path.join(dir, 'c/clip.jsonl'));
    expect(JSON.parse(r.stdout).files[0].frames).toBe(lines.length);
    expect(lines.filter((l) => l.faces.length > 0).length / lines.length).toBeGreaterThan(0.9);
  });

  it('a URL that answers 404 is an error naming it, exit 1', async () => {
    const r = await runWithStdin(['run', `${base}/v/nope.mp4`, '--stages', 'detect', '--out', 'd'], undefined, dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`facepipe: could not read ${base}/v/nope.mp4 through ffmpeg`);
  });
});
