import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelLoadError } from '../shared/errors.js';
import { modelCacheDir } from './model-cache.js';
import { resolveModel } from './resolve-model.js';
import { sha256File } from './sha256-file.js';

const modelsRoot = process.env.FACEPIPE_MODELS!;
const rfb = path.join(modelsRoot, 'ultraface', 'version-RFB-320.onnx');

const tmpDirs: string[] = [];
function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-resolve-'));
  tmpDirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('resolveModel', () => {
  it('finds registry ids in FACEPIPE_MODELS (<dir>/<folder>/<file>) and verifies them', async () => {
    const r = await resolveModel('ultraface-rfb-320', { cacheDir: tmpDir(), download: false });
    expect(r).toMatchObject({ path: rfb, from: 'models-dir', verified: true });
    expect(r.spec?.id).toBe('ultraface-rfb-320');
  });

  it('uses an explicit path as is and picks up the spec by file name', async () => {
    const r = await resolveModel(rfb);
    expect(r).toMatchObject({ path: rfb, from: 'path', verified: false });
    expect(r.spec?.id).toBe('ultraface-rfb-320');
  });

  it('prefers a FACEPIPE_MODELS folder over the cache, and finds <dir>/<file> too', async () => {
    const dir = tmpDir();
    const cache = tmpDir();
    fs.copyFileSync(rfb, path.join(dir, 'version-RFB-320.onnx'));
    fs.copyFileSync(rfb, path.join(cache, 'version-RFB-320.onnx'));
    expect(await resolveModel('ultraface-rfb-320', { modelDirs: [dir], cacheDir: cache })).toMatchObject({ from: 'models-dir', path: path.join(dir, 'version-RFB-320.onnx') });
    expect(await resolveModel('ultraface-rfb-320', { modelDirs: [tmpDir()], cacheDir: cache })).toMatchObject({ from: 'cache', path: path.join(cache, 'version-RFB-320.onnx') });
  });

  it('refuses a copy with one flipped byte, naming expected and actual hash and the path', async () => {
    const dir = tmpDir();
    const bad = path.join(dir, 'version-RFB-320.onnx');
    fs.copyFileSync(rfb, bad);
    // First the intact copy verifies (and its hash is memoised for this path+size+mtime)...
    await expect(resolveModel('ultraface-rfb-320', { modelDirs: [dir], download: false })).resolves.toMatchObject({ verified: true });
    // ...then one byte changes (new mtime): the memo must not hide it.
    const bytes = fs.readFileSync(bad);
    bytes[1000]! ^= 0x01;
    fs.writeFileSync(bad, bytes);
    fs.utimesSync(bad, new Date(), new Date(Date.now() + 5000));
    const actual = await sha256File(bad);
    const err = await resolveModel('ultraface-rfb-320', { modelDirs: [dir], download: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    const msg = (err as Error).message;
    expect(msg).toContain('sha256 mismatch');
    expect(msg).toContain('34cd7e60aeff28744c657de7a3dc64e872d506741de66987f3426f2b79f88017');
    expect(msg).toContain(actual);
    expect(msg).toContain(bad);
    expect((err as ModelLoadError).model).toBe('ultraface-rfb-320');
  });

  it('offline with no local copy: lists every place looked and how to fix it', async () => {
    const dir = tmpDir();
    const cache = tmpDir();
    const err = await resolveModel('pfld-ghostone-98', { modelDirs: [dir], cacheDir: cache, download: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    const msg = (err as Error).message;
    console.log(msg);
    expect(msg).toContain('PFLD_GhostOne_112_1_opt_sim.onnx');
    expect(msg).toContain(path.join(dir, 'PFLD_GhostOne_112_1_opt_sim.onnx'));
    expect(msg).toContain(path.join(dir, 'landmarks', 'PFLD_GhostOne_112_1_opt_sim.onnx'));
    expect(msg).toContain(path.join(cache, 'PFLD_GhostOne_112_1_opt_sim.onnx'));
    expect(msg).toMatch(/download from https:\/\/raw\.githubusercontent\.com\/facepipe\/test-fixture\/0{40}\/landmarks\/PFLD_GhostOne_112_1_opt_sim\.onnx: skipped \(download: false\)/);
    expect(msg).toContain('FACEPIPE_MODELS');
    expect(msg).toContain('(CLI: --detector, --landmarks or --segmenter <path>)');
    expect(msg).not.toContain('--model');
    expect(msg).toContain('facepipe models fetch pfld-ghostone-98');
  });

  it('unreachable mirror (closed port on 127.0.0.1): the download failure is listed with the places looked', async () => {
    const cache = tmpDir();
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    const err = await resolveModel('yunet-320', { modelDirs: [], cacheDir: cache, baseUrl }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    const msg = (err as Error).message;
    console.log(msg);
    expect(msg).toContain('FACEPIPE_MODELS: not set');
    expect(msg).toContain(path.join(cache, 'yunet_s_320_320.onnx'));
    expect(msg).toContain(`${baseUrl}/yunet/yunet_s_320_320.onnx failed: ECONNREFUSED`);
    expect(fs.readdirSync(cache)).toEqual([]);
  });

  it('never downloads a model without a sha256 on record (pfpld)', async () => {
    const err = await resolveModel('pfpld', { modelDirs: [tmpDir()], cacheDir: tmpDir(), baseUrl: 'http://127.0.0.1:9' }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/download: not available \(no verified sha256 on record/);
    expect((err as Error).message).not.toContain('facepipe models fetch');
  });

  it('honours FACEPIPE_OFFLINE when `download` is not given', async () => {
    const prev = process.env.FACEPIPE_OFFLINE;
    process.env.FACEPIPE_OFFLINE = '1';
    try {
      await expect(resolveModel('yunet-320', { modelDirs: [], cacheDir: tmpDir() })).rejects.toThrow(/skipped \(FACEPIPE_OFFLINE is set\)/);
    } finally {
      if (prev === undefined) delete process.env.FACEPIPE_OFFLINE;
      else process.env.FACEPIPE_OFFLINE = prev;
    }
  });

  it('names unknown ids and missing paths', async () => {
    await expect(resolveModel('no-such-model')).rejects.toThrow(/neither a file .* nor a known model id \(known: ultraface-rfb-320, /);
  });

  it('cache folder: $XDG_CACHE_HOME/facepipe, else ~/.cache/facepipe', () => {
    expect(modelCacheDir({ XDG_CACHE_HOME: '/tmp/xdg' })).toBe('/tmp/xdg/facepipe');
    expect(modelCacheDir({})).toBe(path.join(os.homedir(), '.cache', 'facepipe'));
  });
});

describe('resolveModel with model bytes', () => {
  it('stores the bytes once by sha256 in <cache>/buffers and recognises a registry model by its hash', async () => {
    const cache = tmpDir();
    const bytes = fs.readFileSync(path.join(process.env.FACEPIPE_MODELS!, 'ultraface/version-RFB-320.onnx'));
    const a = await resolveModel(bytes, { cacheDir: cache });
    expect(a).toMatchObject({ from: 'buffer', verified: true, spec: { id: 'ultraface-rfb-320' } });
    expect(path.dirname(a.path)).toBe(path.join(cache, 'buffers'));
    expect(fs.readFileSync(a.path).equals(bytes)).toBe(true);
    const b = await resolveModel(new Uint8Array(bytes), { cacheDir: cache });
    expect(b.path).toBe(a.path);
    expect(fs.readdirSync(path.join(cache, 'buffers'))).toEqual([path.basename(a.path)]);
  });

  it('unknown bytes are not verified; empty bytes are a ModelLoadError', async () => {
    const cache = tmpDir();
    const r = await resolveModel(new Uint8Array([8, 1, 2, 3]), { cacheDir: cache });
    expect(r).toMatchObject({ from: 'buffer', verified: false, spec: undefined });
    const err = await resolveModel(new Uint8Array(0), { cacheDir: cache }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    expect((err as Error).message).toBe('Model buffer is empty (0 bytes): expected the bytes of an .onnx file');
  });
});
