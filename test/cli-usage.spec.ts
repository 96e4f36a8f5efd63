import { beforeAll, describe, expect, it } from 'vitest';
import { DETECTOR_MODELS } from '@facepipe/detector';
import { LANDMARKS_MODELS } from '@facepipe/landmarks';
import { SEGMENTATION_MODELS } from '@facepipe/segmentation';
import { assertCliBuilt, runCliSync } from './helpers.js';

describe('facepipe command line (built binary)', () => {
  beforeAll(assertCliBuilt);

  it('unknown flag: one-line error, usage, exit 2', () => {
    const r = runCliSync(['run', 'x.mp4', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("facepipe: unknown option '--bogus'");
    expect(r.stderr).toMatch(/^Usage: facepipe run \[options\] <inputs\.\.\.>$/m);
  });

  it('missing input: clear error, exit 2', () => {
    const r = runCliSync(['run', 'definitely-missing.mp4']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/input not found: definitely-missing\.mp4/);
  });

  it('--help lists the commands and examples', () => {
    const r = runCliSync(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['run', 'eval', 'quantize', 'bench', 'models']) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    expect(r.stdout).toMatch(/Examples:/);
  });

  it('models list marks the shared models present; verify checks their hashes', () => {
    const list = runCliSync(['models', 'list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    const rows = JSON.parse(list.stdout);
    const byId = new Map(rows.map((r: any) => [r.id, r]));
    // every stage's models, registered by the stage packages' entries
    expect(rows.map((r: any) => r.id).sort()).toEqual([...DETECTOR_MODELS, ...LANDMARKS_MODELS, ...SEGMENTATION_MODELS].map((m) => m.id).sort());
    expect((byId.get('ultraface-rfb-320') as any).present).toMatch(/version-RFB-320\.onnx$/);
    expect((byId.get('pfpld') as any).present).toBeNull();
    const verify = runCliSync(['models', 'verify', 'ultraface-rfb-320', 'pfld-ghostone-98', '--json']);
    expect(verify.code, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout).map((r: any) => r.ok)).toEqual([true, true]);
    const missing = runCliSync(['models', 'verify', 'pfpld']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/^FAILED\s+pfpld/m);
  });

  it('models fetch: a present model is reported where it is; one with no verified copy fails, exit 1', () => {
    const ok = runCliSync(['models', 'fetch', 'yunet-320']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^ok\s+yunet-320\s+\S+yunet_s_320_320\.onnx\s+\(models-dir\)$/m);
    const none = runCliSync(['models', 'fetch', 'pfpld', '--json']);
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stdout)).toMatchObject([{ id: 'pfpld', ok: false }]);
  });

  it('--int8 without a quantized file says how to make one', () => {
    const r = runCliSync(['run', '../shared/data/photos/fr_biden.jpg', '--int8', '--stages', 'detect', '--out', '/tmp/fp-int8-none']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No int8 variant of ultraface-rfb-320.*\n.*facepipe quantize ultraface-rfb-320 --calib/);
  });
});
