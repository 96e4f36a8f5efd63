import { describe, expect, it } from 'vitest';
import { runCli } from '../build-program.js';
import type { CliActions } from '../cli-actions.js';

function harness() {
  const calls: { cmd: string; args: unknown[] }[] = [];
  let err = '';
  const stub = (cmd: string) => async (...args: unknown[]) => (calls.push({ cmd, args }), 0);
  const actions = Object.fromEntries(['run', 'eval', 'quantize', 'bench', 'models', 'report', 'submit', 'worker', 'status'].map((c) => [c, stub(c)])) as unknown as CliActions;
  const io = { writeOut: () => {}, writeErr: (s: string) => void (err += s) };
  return { calls, run: (argv: string[]) => runCli(argv, actions, io), err: () => err };
}

describe('submit / worker / status command lines', () => {
  it("submit takes run's output flags (same defaults and checks) into the job settings", async () => {
    const h = harness();
    expect(await h.run(['submit', '/v/', '--out', '/o', '--redis', 'redis://q:6379', '--stages', 'pose', '--every', '3', '--annotate'])).toBe(0);
    const [inputs, opts] = h.calls[0]!.args;
    expect(h.calls[0]!.cmd).toBe('submit');
    expect(inputs).toEqual(['/v/']);
    expect(opts).toMatchObject({
      redis: 'redis://q:6379',
      queue: 'facepipe',
      out: '/o',
      settings: { stages: ['detect', 'pose'], detector: 'ultraface-rfb-320', pose: 'fsanet', int8: false, mode: 'video', detectEvery: 2, every: 3, annotate: true, masks: false },
      skipExisting: false,
      attempts: 3,
      backoffMs: 2000,
    });
    expect('fps' in (opts as { settings: object }).settings).toBe(false);
  });

  it('worker and status', async () => {
    const h = harness();
    await h.run(['worker', '--redis', 'rediss://:pw@q', '--concurrency', '2', '--workers', '1', '--lock', '5000', '--exit-when-idle']);
    expect(h.calls[0]!.args[0]).toMatchObject({ redis: 'rediss://:pw@q', queue: 'facepipe', concurrency: 2, workers: 1, lockMs: 5000, exitWhenIdle: true });
    expect(h.calls[0]!.args[0]).not.toHaveProperty('maxInFlight'); // unset: readFrames' own default (8 for files)
    await h.run(['status', '--redis', 'redis://q', '--watch', '--json', '--queue', 'batch7']);
    expect(h.calls[1]!.args[0]).toEqual({ redis: 'redis://q', queue: 'batch7', watch: true, intervalMs: 1000, json: true });
  });

  it.each([
    [['submit', 'a.mp4', '--out', 'o'], /required option '--redis <url>' not specified/],
    [['submit', 'a.mp4', '--redis', 'redis://q'], /required option '--out <dir>' not specified/],
    [['submit', 'a.mp4', '--out', 'o', '--redis', 'http://q'], /Expected `--redis` to be a redis:\/\/ or rediss:\/\/ URL .*got `http:\/\/q`: unsupported scheme http:/],
    [['submit', 'a.mp4', '--out', 'o', '--redis', 'redis://q', '--every', '2', '--fps', '5'], /--every and --fps cannot be used together/],
    [['submit', 'a.mp4', '--out', '-', '--redis', 'redis://q'], /--out must be a folder every worker can write to, not - \(stdout\)/],
    [['worker', '--redis', 'redis://:hunter2@q/db'], /redis:\/\/:\*\*\*@q\/db.*database must be a number/],
    [['worker', '--redis', 'redis://q', '--concurrency', '0'], /--concurrency <n>.*expected an integer in \[1, 64\]/],
    [['status'], /required option '--redis <url>' not specified/],
  ])('%j -> usage error (exit 2), nothing runs', async (argv, msg) => {
    const h = harness();
    expect(await h.run(argv)).toBe(2);
    expect(h.calls).toHaveLength(0);
    expect(h.err()).toMatch(msg);
    expect(h.err()).not.toMatch(/hunter2/);
  });
});
