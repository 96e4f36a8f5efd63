import { describe, expect, it } from 'vitest';
import { runCli } from './build-program.js';
import type { CliActions } from './cli-actions.js';
import type { QuantizeOptions } from './commands/quantize/quantize-options.js';
import type { RunOptions } from './commands/run/run-options.js';

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
    report: async (...args) => (calls.push({ cmd: 'report', args }), 0),
    submit: async (...args) => (calls.push({ cmd: 'submit', args }), 0),
    worker: async (...args) => (calls.push({ cmd: 'worker', args }), 0),
    status: async (...args) => (calls.push({ cmd: 'status', args }), 0),
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
    // video mode is the default for videos (it met the bounds against exact, see @facepipe/landmarks trackLandmarks spec)
    expect(opts).toMatchObject({ mode: 'video', detectEvery: 2 });
  });

  it('takes --mode exact and --detect-every, and rejects a bad mode or interval', async () => {
    const h = harness();
    expect(await runCli(['run', 'a.mp4', '--mode', 'exact', '--detect-every', '4'], h.actions, h.io)).toBe(0);
    expect(h.calls[0]!.args[1]).toMatchObject({ mode: 'exact', detectEvery: 4 });
    expect(await runCli(['run', 'a.mp4', '--mode', 'fast'], h.actions, h.io)).toBe(2);
    expect(await runCli(['run', 'a.mp4', '--detect-every', '0'], h.actions, h.io)).toBe(2);
  });

  it('normalizes stages to pipeline order and adds detect when landmarks need it', async () => {
    const h = harness();
    await runCli(['run', 'a.mp4', '--stages', 'segment,pose', '--every', '3', '--workers', '2', '--annotate', '--json'], h.actions, h.io);
    const opts = h.calls[0]!.args[1] as RunOptions;
    expect(opts.stages).toEqual(['detect', 'pose', 'segment']);
    expect(opts).toMatchObject({ every: 3, workers: 2, annotate: true, json: true });
  });

  it('parses quantize: one model or --all, recipe settings left to the recipe unless a flag overrides them', async () => {
    const h = harness();
    expect(await runCli(['quantize', 'ultraface-rfb-320', '--calib', 'imgs/'], h.actions, h.io)).toBe(0);
    const single = h.calls[0]!.args[0] as QuantizeOptions;
    expect(single).toMatchObject({ model: 'ultraface-rfb-320', calib: 'imgs/', all: false, detector: 'ultraface-rfb-320' });
    for (const k of ['method', 'activationType', 'weightBits', 'fp32Nodes', 'fp32WeightNodes', 'maxImages']) expect(single).not.toHaveProperty(k);
    await runCli(['quantize', '--all', '--calib', 'clip.mp4', '--stages', 'pose,detect', '--fp32-nodes', 'Concat_112, Gemm_113', '--fp32-weight-nodes', '249', '--weight-bits', '8', '--method', 'minmax', '--max-images', '4'], h.actions, h.io);
    expect(h.calls[1]!.args[0]).toMatchObject({ all: true, stages: ['detect', 'pose'], fp32Nodes: ['Concat_112', 'Gemm_113'], fp32WeightNodes: ['249'], weightBits: 8, method: 'minmax', maxImages: 4 });
    expect((h.calls[1]!.args[0] as QuantizeOptions).model).toBeUndefined();
    expect(await runCli(['quantize', 'm', '--calib', 'x', '--weight-bits', '6'], h.actions, h.io)).toBe(2);
    expect(h.calls).toHaveLength(2);
  });

  it('declares the model flags once for run, eval and bench (same defaults and validation)', async () => {
    const h = harness();
    const flags = ['--detector', 'd.onnx', '--landmarks', 'l.onnx', '--segmenter', 's.onnx', '--int8'];
    await runCli(['run', 'a.mp4', ...flags, '--workers', '0', '--threads', '2', '--concurrency', '3'], h.actions, h.io);
    await runCli(['bench', ...flags, '--workers', '0', '--threads', '2', '--concurrency', '3'], h.actions, h.io);
    await runCli(['eval', 'detect', '--data', 'x.json', ...flags], h.actions, h.io);
    const models = { detector: 'd.onnx', landmarks: 'l.onnx', segmenter: 's.onnx', int8: true };
    expect(h.calls[0]!.args[1]).toMatchObject({ ...models, workers: 0, threads: 2, concurrency: 3 });
    expect(h.calls[1]!.args[0]).toMatchObject({ ...models, workers: 0, threads: 2, concurrency: 3 });
    expect(h.calls[2]!.args[0]).toMatchObject(models);
    expect(h.calls[2]!.args[0]).not.toHaveProperty('workers');
    await runCli(['bench'], h.actions, h.io);
    expect(h.calls[3]!.args[0]).toEqual({ stages: ['detect', 'landmarks', 'pose'], detector: 'ultraface-rfb-320', landmarks: 'pfld-ghostone-98', segmenter: 'prisma-unet-256', int8: false, workers: 1 });
    expect(await runCli(['bench', '--workers', '17'], h.actions, h.io)).toBe(2);
    expect(await runCli(['eval', 'detect', '--data', 'x.json', '--workers', '2'], h.actions, h.io)).toBe(2);
    expect(h.calls).toHaveLength(4);
  });

  it('passes --report to run (flag) and eval (file), and the folder to report', async () => {
    const h = harness();
    await runCli(['run', 'a.mp4', '--report'], h.actions, h.io);
    await runCli(['eval', 'detect', '--data', 'x.json', '--report', 'ev.html'], h.actions, h.io);
    await runCli(['report', 'results'], h.actions, h.io);
    expect((h.calls[0]!.args[1] as RunOptions).report).toBe(true);
    expect(h.calls[1]!.args[0]).toMatchObject({ task: 'detect', report: 'ev.html' });
    expect(h.calls[2]).toEqual({ cmd: 'report', args: ['results'] });
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
