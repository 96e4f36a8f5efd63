import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';

// The built module a program (the CLI, or a user's script) imports as `@facepipe/core/prewarm`.
const prewarm = path.join(repoRoot, 'packages/core/dist/runtime/prewarm-workers.js');
beforeAll(() => {
  if (!fs.existsSync(prewarm)) throw new Error(`${prewarm} is missing: build first (npm run build)`);
});

/** Run a small ES module program with this Node; its exit status and signal. */
function runProgram(code: string): { status: number | null; signal: NodeJS.Signals | null; stderr: string } {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, signal: r.signal, stderr: r.stderr };
}

// Ending a process while a worker thread is inside onnxruntime's native load aborts it
// ("terminate called after throwing an instance of 'Napi::Error'", SIGABRT) now and then, more
// often on Node 24: a program that prewarms workers and ends at once must still exit normally.
describe('prewarmed inference workers at process exit', () => {
  const url = JSON.stringify(pathToFileURL(prewarm).href);

  it('a program that prewarms two workers and ends at once exits with its own code, every time', () => {
    for (let i = 0; i < 6; i++) {
      const r = runProgram(`const { prewarmInferenceWorkers } = await import(${url}); prewarmInferenceWorkers(2); process.exitCode = 3;`);
      expect({ status: r.status, signal: r.signal }, r.stderr).toEqual({ status: 3, signal: null });
    }
  });

  it('discarding them at once (what the CLI does on a usage error) waits for the load and ends them', () => {
    for (let i = 0; i < 6; i++) {
      const r = runProgram(
        `const p = await import(${url}); p.prewarmInferenceWorkers(2); await p.discardPrewarmedWorkers();` +
          ` if (p.prewarmedWorkerCount() !== 0) throw new Error('spares left'); process.exitCode = 4;`,
      );
      expect({ status: r.status, signal: r.signal }, r.stderr).toEqual({ status: 4, signal: null });
    }
  });
});
