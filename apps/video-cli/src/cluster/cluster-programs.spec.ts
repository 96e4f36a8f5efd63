import { describe, expect, it } from 'vitest';
import { buildProgram, runCli } from '../lib/build-program.js';
import type { CliActions } from '../lib/cli-options.js';
import { statusProgram } from '../commands/status/status-program.js';
import { submitProgram } from '../commands/submit/submit-program.js';
import { workerProgram } from '../commands/worker/worker-program.js';

const never = async (): Promise<number> => {
  throw new Error('no action expected');
};
const actions: CliActions = { run: never, eval: never, quantize: never, bench: never, models: never };
const runOf = () => buildProgram(actions).commands.find((c) => c.name() === 'run')!;

async function parse(make: (spy: (...a: unknown[]) => Promise<number>) => import('commander').Command, argv: string[]): Promise<unknown[]> {
  let got: unknown[] = [];
  const cmd = make(async (...a) => ((got = a), 0)).exitOverride();
  await cmd.parseAsync(argv, { from: 'user' });
  return got;
}

describe('submit / worker / status command lines', () => {
  it('submit takes run\'s output flags (same defaults and checks) into the job settings', async () => {
    const [inputs, opts] = await parse((spy) => submitProgram(runOf(), { code: 0 }, spy), ['/v/', '--out', '/o', '--redis', 'redis://q:6379', '--stages', 'pose', '--every', '3', '--annotate']);
    expect(inputs).toEqual(['/v/']);
    expect(opts).toMatchObject({
      redis: 'redis://q:6379',
      queue: 'facepipe',
      out: '/o',
      settings: { stages: ['detect', 'pose'], detector: 'ultraface-rfb-320', pose: 'fsanet', int8: false, every: 3, annotate: true, masks: false },
      skipExisting: false,
      attempts: 3,
      backoffMs: 2000,
    });
  });

  it('worker and status', async () => {
    const [w] = await parse((spy) => workerProgram(runOf(), { code: 0 }, spy), ['--redis', 'rediss://:pw@q', '--concurrency', '2', '--workers', '1', '--lock', '5000', '--exit-when-idle']);
    expect(w).toMatchObject({ redis: 'rediss://:pw@q', queue: 'facepipe', concurrency: 2, workers: 1, maxInFlight: 8, lockMs: 5000, exitWhenIdle: true });
    const [s] = await parse((spy) => statusProgram(runOf(), { code: 0 }, spy), ['--redis', 'redis://q', '--watch', '--json', '--queue', 'batch7']);
    expect(s).toEqual({ redis: 'redis://q', queue: 'batch7', watch: true, intervalMs: 1000, json: true });
  });

  it.each([
    [['submit', 'a.mp4', '--out', 'o'], /required option '--redis <url>' not specified/],
    [['submit', 'a.mp4', '--redis', 'redis://q'], /required option '--out <dir>' not specified/],
    [['submit', 'a.mp4', '--out', 'o', '--redis', 'http://q'], /Expected `--redis` to be a redis:\/\/ or rediss:\/\/ URL .*got `http:\/\/q`: unsupported scheme http:/],
    [['submit', 'a.mp4', '--out', 'o', '--redis', 'redis://q', '--every', '2', '--fps', '5'], /--every and --fps cannot be used together/],
    [['worker', '--redis', 'redis://:hunter2@q/db'], /redis:\/\/:\*\*\*@q\/db.*database must be a number/],
    [['worker', '--redis', 'redis://q', '--concurrency', '0'], /--concurrency <n>.*expected an integer in \[1, 64\]/],
    [['status'], /required option '--redis <url>' not specified/],
  ])('%j -> usage error (exit 2), nothing runs', async (argv, msg) => {
    let err = '';
    const code = await runCli(argv, actions, { writeOut: () => {}, writeErr: (s) => void (err += s) });
    expect(code).toBe(2);
    expect(err).toMatch(msg);
    expect(err).not.toMatch(/hunter2/);
  });
});
