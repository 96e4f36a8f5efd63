import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

  it('--int8 without quantized files says, one line per missing model, how to make each', () => {
    const env = { XDG_CACHE_HOME: '/tmp/fp-int8-none-cache' }; // an empty model cache
    const r = runCliSync(['run', '../shared/data/photos/fr_biden.jpg', '--int8', '--stages', 'detect', '--out', '/tmp/fp-int8-none'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No int8 variant of ultraface-rfb-320 .*; create it with: facepipe quantize ultraface-rfb-320 --calib/);
    const all = runCliSync(['run', '../shared/data/photos/fr_biden.jpg', '--int8', '--stages', 'detect,landmarks,pose', '--out', '/tmp/fp-int8-none'], { env });
    expect(all.code).toBe(1);
    for (const id of ['ultraface-rfb-320', 'pfld-ghostone-98', 'fsanet-1x1', 'fsanet-var']) expect(all.stderr).toMatch(new RegExp(`^.*No int8 variant of ${id} .*facepipe quantize ${id} --calib.*$`, 'm'));
    expect(all.stderr).toMatch(/facepipe quantize --all --calib/);
  });
  it('unknown model id: usage error naming the flag, exit 2', () => {
    // three times: the usage error comes while the prewarmed inference worker is still loading onnxruntime,
    // and ending the process under that load used to abort it now and then (signal, no exit code)
    for (let i = 0; i < 3; i++) {
      const r = runCliSync(['run', '../shared/data/photos/fr_biden.jpg', '--stages', 'detect', '--detector', 'ultrafase-rfb-320', '--out', '/tmp/fp-bad-model']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^facepipe: --detector 'ultrafase-rfb-320' is neither a model id nor an existing file \(ids: .*ultraface-rfb-320/m);
    }
    const q = runCliSync(['quantize', 'nope-model', '--calib', '../shared/data/calibration/ultraface_imgs']);
    expect(q.code).toBe(2);
    expect(q.stderr).toMatch(/model 'nope-model' is neither a model id/);
  });

  it('models list (text) has a licence column', () => {
    const r = runCliSync(['models', 'list']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^\s+id\s+task\s+licence\s+description$/);
    expect(r.stdout).toMatch(/^\* ultraface-rfb-320\s+face-detection\s+MIT\s+\S/m);
    expect(r.stdout).toMatch(/^[* ] scrfd-500m\s+\S+\s+non-commercial/im);
  });

  it('bench without a video away from ../shared says what to pass, exit 2', () => {
    const away = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-bench-away-'));
    const r = runCliSync(['bench', '--stages', 'detect'], { cwd: away, env: { FACEPIPE_SHARED: away } });
    fs.rmSync(away, { recursive: true, force: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no video given and no default clip at .*: pass one \(facepipe bench <video>\)/);
  });
});
