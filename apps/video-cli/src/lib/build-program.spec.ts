import { describe, expect, it } from 'vitest';
import { runCli } from './build-program.js';
import type { CliActions, RunOptions } from './cli-options.js';

function harness() {
  const calls: { cmd: string; args: unknown[] }[] = [];
  let out = '';
  let err = '';
  const actions: CliActions = {
    run: async (...args) => (calls.push({ cmd: 'run', args }), 0),
    eval: async (...args) => (calls.push({ cmd: 'eval', args }), 0),
    quantize: async (...args) => (calls.push({ cmd: 'quantize', args }), 0),
    bench: async (...args) => (calls.push({ cmd: 'bench', args }), 0),
    models: async (...args) => (calls.push({ cmd: 'models', args }), 3),
  };
  const io = { writeOut: (s: string) => void (out += s), writeErr: (s: string) => void (err += s) };
  return { calls, actions, io, out: () => out, err: () => err };
}

describe('facepipe command line', () => {
  it('parses run with defaults', async () => {
    const h = harness();
    expect(await runCli(['run', 'a.mp4', 'b/'], h.actions, h.io)).toBe(0);
    const [inputs, opts] = h.calls[0]!.args as [string[], RunOptions];
    expect(inputs).toEqual(['a.mp4', 'b/']);
    expect(opts).toMatchObject({ stages: ['detect', 'landmarks', 'pose'], detector: 'ultraface-rfb-320', landmarks: 'pfld-ghostone-98', pose: 'fsanet', workers: 1, out: './facepipe-out', annotate: false, int8: false, skipExisting: false });
    expect(opts.every).toBeUndefined();
  });

  it('normalizes stages to pipeline order and adds detect when landmarks need it', async () => {
    const h = harness();
    await runCli(['run', 'a.mp4', '--stages', 'segment,pose', '--every', '3', '--workers', '2', '--annotate', '--json'], h.actions, h.io);
    const opts = h.calls[0]!.args[1] as RunOptions;
    expect(opts.stages).toEqual(['detect', 'pose', 'segment']);
    expect(opts).toMatchObject({ every: 3, workers: 2, annotate: true, json: true });
  });

  it('passes --report to run (flag) and eval (file); report needs its folder', async () => {
    const h = harness();
    await runCli(['run', 'a.mp4', '--report'], h.actions, h.io);
    await runCli(['eval', 'detect', '--data', 'x.json', '--report', 'ev.html'], h.actions, h.io);
    expect((h.calls[0]!.args[1] as RunOptions).report).toBe(true);
    expect(h.calls[1]!.args[0]).toMatchObject({ task: 'detect', report: 'ev.html' });
    expect(await runCli(['report'], h.actions, h.io)).toBe(2);
    expect(h.err()).toMatch(/missing required argument 'out-dir'/);
  });

  it('returns the action exit code', async () => {
    const h = harness();
    expect(await runCli(['models', 'list'], h.actions, h.io)).toBe(3);
  });

  const bad: [string[], RegExp][] = [
    [['run', 'a.mp4', '--frobnicate'], /unknown option '--frobnicate'/],
    [['run', 'a.mp4', '--every', '0'], /--every <n>.*argument '0' is invalid\. expected an integer >= 1/],
    [['run', 'a.mp4', '--every', '2.5'], /argument '2.5' is invalid/],
    [['run', 'a.mp4', '--stages', 'detect,blur'], /unknown stage 'blur'/],
    [['run', 'a.mp4', '--pose', 'magic'], /argument 'magic' is invalid/],
    [['run', 'a.mp4', '--every', '2', '--fps', '5'], /--every and --fps cannot be used together/],
    [['run'], /missing required argument 'inputs'/],
    [['eval', 'faces', '--data', 'x.json'], /value 'faces' is invalid/],
    [['eval', 'detect'], /required option '--data <path>' not specified/],
    [['models', 'delete'], /value 'delete' is invalid/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ];
  it.each(bad)('%j -> one-line error, usage, exit 2', async (argv, msg) => {
    const h = harness();
    expect(await runCli(argv, h.actions, h.io)).toBe(2);
    expect(h.calls).toHaveLength(0);
    const lines = h.err().trim().split('\n');
    expect(lines[0]).toMatch(/^facepipe: /);
    expect(lines[0]).toMatch(msg);
    expect(h.err()).toMatch(/Usage: facepipe/);
    expect(lines.length).toBeLessThanOrEqual(3);
  });

  it('prints help with examples and exits 0', async () => {
    for (const cmd of ['run', 'eval', 'quantize', 'bench', 'models', 'report']) {
      const h = harness();
      expect(await runCli([cmd, '--help'], h.actions, h.io)).toBe(0);
      expect(h.out()).toMatch(/Examples:/);
      expect(h.out()).toMatch(new RegExp(`facepipe ${cmd}`));
    }
    const h = harness();
    expect(await runCli(['--help'], h.actions, h.io)).toBe(0);
    expect(h.out()).toMatch(/run \[options\] <inputs\.\.\.>/);
  });
});
