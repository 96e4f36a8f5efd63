import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelLoadError } from '../shared/errors.js';
import { verifyModel } from './verify-model.js';

describe('verifyModel', () => {
  it('reports a matching local copy', async () => {
    const r = await verifyModel('sinet-320');
    expect(r).toMatchObject({ id: 'sinet-320', ok: true, path: path.join(process.env.FACEPIPE_MODELS!, 'segmentation', 'SINet_Softmax_320.onnx') });
    expect(r.reason).toContain('932c83e0013e07bbe597fe0007ba5ae6add3fbb6413ca5b81f18b2d410ac7259 matches');
  });

  it('reports a corrupt copy and a missing one without throwing or downloading', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-verify-'));
    try {
      const bad = path.join(dir, 'yunet_s_320_320.onnx');
      fs.writeFileSync(bad, Buffer.alloc(1000));
      const corrupt = await verifyModel('yunet-320', { modelDirs: [dir], cacheDir: dir });
      expect(corrupt).toMatchObject({ id: 'yunet-320', ok: false, path: bad });
      expect(corrupt.reason).toContain('sha256 mismatch');
      const missing = await verifyModel('fsanet-var', { modelDirs: [dir], cacheDir: dir });
      expect(missing.ok).toBe(false);
      expect(missing.path).toBeUndefined();
      expect(missing.reason).toContain(`not found locally; looked in:\n  - ${path.join(dir, 'fsanet-var-iter-688590.onnx')}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('throws for an unknown id', async () => {
    await expect(verifyModel('nope')).rejects.toThrow(ModelLoadError);
  });
});
