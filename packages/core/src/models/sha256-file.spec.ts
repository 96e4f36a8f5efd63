import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedSha256 } from './model-cache.js';
import { sha256File } from './sha256-file.js';

describe('sha256File', () => {
  it('hashes a real model file like a one-shot hash does', async () => {
    const file = path.join(process.env.FACEPIPE_MODELS!, 'segmentation/SINet_Softmax_320.onnx');
    const oneShot = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    expect(await sha256File(file)).toBe(oneShot);
    expect(oneShot).toBe('932c83e0013e07bbe597fe0007ba5ae6add3fbb6413ca5b81f18b2d410ac7259');
  });

  it('rejects with the file system error for a missing file', async () => {
    await expect(sha256File('/nonexistent/file.onnx')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('cachedSha256 re-hashes when the file changes (size/mtime), not otherwise', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-sha-'));
    try {
      const f = path.join(dir, 'a.bin');
      fs.writeFileSync(f, 'abc');
      const h1 = await cachedSha256(f);
      expect(h1).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
      fs.writeFileSync(f, 'abd');
      fs.utimesSync(f, new Date(), new Date(Date.now() + 10_000));
      expect(await cachedSha256(f)).toBe(createHash('sha256').update('abd').digest('hex'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
