import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedSha256, resetStoredHashes } from './model-cache.js';
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

  it('cachedSha256 remembers hashes across processes in <cache>/sha256-cache.json, keyed by size, mtime and inode', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-sha-store-'));
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = dir;
    try {
      resetStoredHashes();
      const f = path.join(dir, 'm.onnx');
      fs.writeFileSync(f, 'model bytes');
      const real = createHash('sha256').update('model bytes').digest('hex');
      expect(await cachedSha256(f)).toBe(real);
      const store = path.join(dir, 'facepipe/sha256-cache.json');
      await expect.poll(() => fs.existsSync(store)).toBe(true);
      const entry = JSON.parse(fs.readFileSync(store, 'utf8'))[f];
      const st = fs.statSync(f);
      expect(entry).toEqual({ key: `${st.size}:${st.mtimeMs}:${st.ino}`, sha256: real });
      // a new process (reset) trusts the stored hash while the file's identity is unchanged...
      const fake = 'f'.repeat(64);
      fs.writeFileSync(store, JSON.stringify({ [f]: { ...entry, sha256: fake } }));
      resetStoredHashes();
      expect(await cachedSha256(f)).toBe(fake);
      // ...and hashes again once it changed (mtime), storing the new hash
      fs.utimesSync(f, new Date(), new Date(Date.now() + 10_000));
      resetStoredHashes();
      expect(await cachedSha256(f)).toBe(real);
      await expect.poll(() => JSON.parse(fs.readFileSync(store, 'utf8'))[f].sha256).toBe(real);
      // a malformed cache file is an empty cache; FACEPIPE_HASH_CACHE=0 ignores the cache
      fs.writeFileSync(store, '{not json');
      resetStoredHashes();
      expect(await cachedSha256(f)).toBe(real);
      fs.writeFileSync(store, JSON.stringify({ [f]: { key: `${fs.statSync(f).size}:${fs.statSync(f).mtimeMs}:${fs.statSync(f).ino}`, sha256: fake } }));
      process.env.FACEPIPE_HASH_CACHE = '0';
      resetStoredHashes();
      expect(await cachedSha256(f)).toBe(real);
    } finally {
      delete process.env.FACEPIPE_HASH_CACHE;
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
      resetStoredHashes();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
