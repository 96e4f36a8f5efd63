import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelLoadError } from '../shared/errors.js';
import { fetchModel } from './fetch-model.js';
import { sha256File } from './sha256-file.js';

describe('fetchModel', () => {
  it('downloads a missing model into the cache from a mirror, then finds it there', async () => {
    const root = process.env.FACEPIPE_MODELS!;
    const server = http.createServer((req, res) => {
      const file = path.join(root, decodeURIComponent(req.url ?? ''));
      if (!fs.existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200).end(fs.readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-fetch-'));
    try {
      const first = await fetchModel('fsanet-1x1', { modelDirs: [], cacheDir: cache, baseUrl });
      expect(first).toMatchObject({ from: 'download', verified: true, path: path.join(cache, 'fsanet-1x1-iter-688590.onnx') });
      expect(await sha256File(first.path)).toBe('d85e90cb4b9d3a87e81bbfdcfcd130cbe0e175407042e439a570aa396c44eda6');
      expect((await fetchModel('fsanet-1x1', { modelDirs: [], cacheDir: cache, baseUrl })).from).toBe('cache');
      await expect(fetchModel('pfpld', { modelDirs: [], cacheDir: cache, baseUrl })).rejects.toThrow(/no verified sha256 on record/);
      await expect(fetchModel('unknown-model', { cacheDir: cache })).rejects.toThrow(ModelLoadError);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });
});
