import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { assertObject, assertString } from '../shared/assert.js';
import { ModelLoadError } from '../shared/errors.js';
import { modelCacheDir } from './model-cache.js';
import { proxyFetch } from './proxy-fetch.js';
import type { ModelSpec } from './model-spec.js';

/** Options of {@link downloadModel}. */
export interface DownloadModelOptions {
  /** Cache folder to download into (default {@link modelCacheDir}); created when missing. */
  readonly cacheDir?: string;
  /**
   * Mirror to use instead of the spec's pinned URL: the file is fetched from `<baseUrl>/<folder>/<file>`
   * (default: env `FACEPIPE_MODEL_BASE_URL`).
   */
  readonly baseUrl?: string;
  /** `fetch` implementation (default: {@link proxyFetch}, which honours `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`). */
  readonly fetch?: typeof globalThis.fetch;
  /** Aborts the download (the partial file is removed). */
  readonly signal?: AbortSignal;
}

/**
 * Where a model is downloaded from: `<baseUrl>/<folder>/<file>` when a mirror is set, else the
 * spec's pinned URL; `undefined` when the model has no sha256 on record (never downloaded) or no URL.
 *
 * ## Example
 * ```ts
 * modelDownloadUrl(modelRegistry.get('yunet-320')!, 'http://127.0.0.1:8080'); // 'http://127.0.0.1:8080/yunet/yunet_s_320_320.onnx'
 * ```
 */
export function modelDownloadUrl(spec: ModelSpec, baseUrl: string | undefined = process.env.FACEPIPE_MODEL_BASE_URL): string | undefined {
  if (!spec.sha256) return undefined;
  if (baseUrl) return `${baseUrl.replace(/\/+$/, '')}/${spec.folder ? `${encodeURIComponent(spec.folder)}/` : ''}${encodeURIComponent(spec.file)}`;
  return spec.url;
}

/** Downloads in progress in this process, by destination, so concurrent opens share one. */
const inFlight = new Map<string, Promise<string>>();

/**
 * Download a registered model into the cache: streamed to `<cache>/<file>.<pid>.<random>.part`
 * while hashing, then the size and sha256 are checked and the file is renamed into place
 * atomically. Whatever fails (network, HTTP status, truncated body, hash mismatch, abort), the
 * partial file is removed, so the cache never holds an unverified model.
 *
 * ## Example
 * ```ts
 * const file = await downloadModel(modelRegistry.get('ultraface-rfb-320')!);
 * // '/home/me/.cache/facepipe/version-RFB-320.onnx'
 * ```
 * @throws {TypeError} when `spec` is not a model spec.
 * @throws {ModelLoadError} naming the model, URL and reason (no sha256 on record, HTTP error,
 * connection lost, size or sha256 mismatch).
 */
export function downloadModel(spec: ModelSpec, options: DownloadModelOptions = {}): Promise<string> {
  try {
    assertObject(spec, 'spec');
    assertString(spec.file, 'spec.file');
  } catch (err) {
    return Promise.reject(err);
  }
  const cacheDir = path.resolve(options.cacheDir ?? modelCacheDir());
  const dest = path.join(cacheDir, spec.file);
  let p = inFlight.get(dest);
  if (!p) {
    p = download(spec, dest, options).finally(() => inFlight.delete(dest));
    inFlight.set(dest, p);
  }
  return p;
}

async function download(spec: ModelSpec, dest: string, options: DownloadModelOptions): Promise<string> {
  const url = modelDownloadUrl(spec, options.baseUrl ?? process.env.FACEPIPE_MODEL_BASE_URL);
  if (!spec.sha256 || !url) {
    throw new ModelLoadError(`Model ${spec.id} (${spec.file}) cannot be downloaded: ${spec.sha256 ? 'no URL on record' : 'no sha256 on record to verify a download against'}`, spec.id);
  }
  const fail = (reason: string, cause?: unknown): ModelLoadError =>
    new ModelLoadError(`Downloading model ${spec.id} (${spec.file}) from ${url} failed: ${reason}`, spec.id, cause === undefined ? undefined : { cause });
  await fs.promises.mkdir(path.dirname(dest), { recursive: true });
  const part = `${dest}.${process.pid}.${randomBytes(6).toString('hex')}.part`;
  const fetchImpl: (url: string, init: { signal?: AbortSignal | undefined; redirect: 'follow' }) => Promise<Response> = options.fetch ?? proxyFetch;
  let handle: fs.promises.FileHandle | undefined;
  let renamed = false;
  try {
    let res: Response;
    try {
      res = await fetchImpl(url, { signal: options.signal, redirect: 'follow' });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw fail(cause?.code ?? cause?.message ?? (err as Error).message, err);
    }
    if (!res.ok || !res.body) throw fail(`HTTP ${res.status} ${res.statusText}`.trim());
    handle = await fs.promises.open(part, 'wx');
    const hash = createHash('sha256');
    let received = 0;
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        hash.update(chunk);
        received += chunk.byteLength;
        await handle.write(chunk);
      }
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause;
      throw fail(`connection lost after ${received} bytes (${cause?.code ?? (err as Error).message})`, err);
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (spec.bytes !== undefined && received !== spec.bytes) throw fail(`got ${received} bytes, expected ${spec.bytes}`);
    const actual = hash.digest('hex');
    if (actual !== spec.sha256) throw fail(`sha256 mismatch: expected ${spec.sha256}, got ${actual}`);
    await fs.promises.rename(part, dest);
    renamed = true;
    return dest;
  } finally {
    if (handle) await handle.close().catch(() => undefined);
    if (!renamed) await fs.promises.rm(part, { force: true }).catch(() => undefined);
  }
}
