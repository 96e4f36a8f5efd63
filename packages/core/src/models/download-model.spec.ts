import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { downloadModel, modelDownloadUrl } from './download-model.js';
import { ModelLoadError } from '../shared/errors.js';
import { modelRegistry } from './model-registry.js';
import { resolveModel } from './resolve-model.js';
import { sha256File } from './sha256-file.js';

const modelsRoot = path.join(process.env.FACEPIPE_SHARED!, 'models');
const spec = modelRegistry.get('yunet-320')!; // 232 KB: small enough to serve many times

type Mode = 'ok' | 'half' | 'corrupt' | '404';
let mode: Mode = 'ok';
let watchDir: string | undefined;
let partSeen: string[] = [];
const requests: string[] = [];
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const file = path.join(modelsRoot, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (mode === '404' || !file.startsWith(modelsRoot + path.sep) || !fs.existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    const bytes = fs.readFileSync(file);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
    if (mode === 'half') {
      // Send half the body, wait until the client has a .part file on disk, then cut the connection.
      res.write(bytes.subarray(0, bytes.length >> 1));
      const t0 = Date.now();
      const poll = setInterval(() => {
        partSeen = watchDir ? fs.readdirSync(watchDir).filter((f) => f.endsWith('.part')) : [];
        if (partSeen.length > 0 || Date.now() - t0 > 3000) {
          clearInterval(poll);
          res.socket?.destroy();
        }
      }, 5);
    } else if (mode === 'corrupt') {
      const copy = Buffer.from(bytes);
      copy[copy.length >> 1]! ^= 0xff;
      res.end(copy);
    } else {
      res.end(bytes);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const tmpDirs: string[] = [];
function tmpCache(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-cache-'));
  tmpDirs.push(d);
  return d;
}
afterEach(() => {
  mode = 'ok';
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('modelDownloadUrl', () => {
  it('uses the pinned commit URL, or <baseUrl>/<folder>/<file> for a mirror', () => {
    expect(modelDownloadUrl(spec, undefined)).toBe(spec.url);
    expect(spec.url).toBe(`https://raw.githubusercontent.com/facepipe/test-fixture/${'0'.repeat(40)}/yunet/yunet_s_320_320.onnx`); // rawGithubUrl(spec.source)
    expect(modelDownloadUrl(spec, 'http://mirror/m/')).toBe('http://mirror/m/yunet/yunet_s_320_320.onnx');
    expect(modelDownloadUrl(modelRegistry.get('pfpld')!, 'http://mirror')).toBeUndefined(); // no sha256: never downloaded
  });
});

describe('downloadModel (loopback HTTP server serving shared/models)', () => {
  it('downloads into the cache, verifies the sha256 and leaves no .part file', async () => {
    const cache = tmpCache();
    const file = await downloadModel(spec, { cacheDir: cache, baseUrl });
    expect(file).toBe(path.join(cache, 'yunet_s_320_320.onnx'));
    expect(await sha256File(file)).toBe(spec.sha256);
    expect(fs.readdirSync(cache)).toEqual(['yunet_s_320_320.onnx']);
    expect(requests.at(-1)).toBe('/yunet/yunet_s_320_320.onnx');
  });

  it('a download cut off midway rejects and leaves nothing in the cache (no file, no .part)', async () => {
    const cache = tmpCache();
    mode = 'half';
    watchDir = cache;
    const err = await downloadModel(spec, { cacheDir: cache, baseUrl }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    expect((err as Error).message).toMatch(/yunet-320 .*yunet_s_320_320\.onnx.* failed/);
    console.log('cut-off download error:', (err as Error).message);
    expect(partSeen).toEqual([expect.stringMatching(new RegExp(`^yunet_s_320_320\\.onnx\\.${process.pid}\\.[0-9a-f]+\\.part$`))]); // it did exist mid-download
    expect(fs.readdirSync(cache)).toEqual([]);
  });

  it('refuses a served file whose sha256 does not match, leaving nothing behind', async () => {
    const cache = tmpCache();
    mode = 'corrupt';
    await expect(downloadModel(spec, { cacheDir: cache, baseUrl })).rejects.toThrow(/sha256 mismatch: expected beb05bf2.*, got [0-9a-f]{64}/);
    expect(fs.readdirSync(cache)).toEqual([]);
  });

  it('reports HTTP errors with the URL', async () => {
    const cache = tmpCache();
    mode = '404';
    await expect(downloadModel(spec, { cacheDir: cache, baseUrl })).rejects.toThrow(`${baseUrl}/yunet/yunet_s_320_320.onnx failed: HTTP 404`);
    expect(fs.readdirSync(cache)).toEqual([]);
  });

  it('concurrent requests for one model share a single download', async () => {
    const cache = tmpCache();
    const before = requests.length;
    const [a, b] = await Promise.all([downloadModel(spec, { cacheDir: cache, baseUrl }), downloadModel(spec, { cacheDir: cache, baseUrl })]);
    expect(a).toBe(b);
    expect(requests.length - before).toBe(1);
  });

  it('takes the mirror from FACEPIPE_MODEL_BASE_URL when no baseUrl is given', async () => {
    const cache = tmpCache();
    const prev = process.env.FACEPIPE_MODEL_BASE_URL;
    process.env.FACEPIPE_MODEL_BASE_URL = `${baseUrl}/`;
    try {
      expect(await downloadModel(spec, { cacheDir: cache })).toBe(path.join(cache, 'yunet_s_320_320.onnx'));
      expect(requests.at(-1)).toBe('/yunet/yunet_s_320_320.onnx');
    } finally {
      if (prev === undefined) delete process.env.FACEPIPE_MODEL_BASE_URL;
      else process.env.FACEPIPE_MODEL_BASE_URL = prev;
    }
  });

  it('resolveModel falls back to a download, then finds the cached copy without the network', async () => {
    const cache = tmpCache();
    const first = await resolveModel('yunet-320', { modelDirs: [], cacheDir: cache, baseUrl });
    expect(first).toMatchObject({ from: 'download', verified: true, path: path.join(cache, 'yunet_s_320_320.onnx') });
    const again = await resolveModel('yunet-320', { modelDirs: [], cacheDir: cache, download: false });
    expect(again).toMatchObject({ from: 'cache', verified: true, path: first.path });
  });
});

describe('downloadModel through a proxy (a loopback CONNECT proxy that tunnels to the model server)', () => {
  let proxy: http.Server;
  let proxyUrl: string;
  const tunnels: string[] = [];
  beforeAll(async () => {
    proxy = http.createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
      tunnels.push(req.url ?? '');
      const origin = new URL(baseUrl);
      const upstream = net.connect(Number(origin.port), origin.hostname, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => proxy.close(() => r())));
  const names = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'] as const;
  let saved: Record<string, string | undefined>;
  // A loopback port nobody listens on (bound, then closed): a direct connection is refused, only
  // the proxy can serve it.
  let unreachable: string;
  beforeAll(async () => {
    saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    unreachable = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((r) => probe.close(() => r()));
  });
  afterEach(() => {
    for (const n of names) {
      if (saved[n] === undefined) delete process.env[n];
      else process.env[n] = saved[n];
    }
  });

  it('HTTP_PROXY: the download is tunnelled through the proxy, and the file verifies', async () => {
    for (const n of names) delete process.env[n];
    process.env.HTTP_PROXY = proxyUrl;
    const cache = tmpCache();
    const file = await downloadModel(spec, { cacheDir: cache, baseUrl: unreachable });
    expect(await sha256File(file)).toBe(spec.sha256);
    expect(tunnels.at(-1)).toBe(new URL(unreachable).host);
    expect(requests.at(-1)).toBe('/yunet/yunet_s_320_320.onnx');
  });

  it('NO_PROXY naming the host: connects directly (refused here), the proxy sees nothing', async () => {
    for (const n of names) delete process.env[n];
    process.env.HTTP_PROXY = proxyUrl;
    process.env.NO_PROXY = 'localhost,127.0.0.1';
    const before = tunnels.length;
    const err = await downloadModel(spec, { cacheDir: tmpCache(), baseUrl: unreachable }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    expect((err as Error).message).toContain(`from ${unreachable}/yunet/yunet_s_320_320.onnx failed: ECONNREFUSED`);
    expect(tunnels.length).toBe(before);
  });
});
