import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { assertString } from '../shared/assert.js';
import { downloadModel, modelDownloadUrl } from './download-model.js';
import { ModelLoadError } from '../shared/errors.js';
import { cachedSha256, modelCacheDir } from './model-cache.js';
import { modelRegistry, type ModelRegistry } from './model-registry.js';
import type { ModelSpec } from './model-spec.js';

/** The `facepipe` flag that takes a model of each task (head-pose models have none: FSA-Net is fixed). */

/** Options of {@link resolveModel}. */
export interface ResolveModelOptions {
  /** Folders to search (default: `FACEPIPE_MODELS`, split on the path delimiter). */
  readonly modelDirs?: readonly string[];
  /** Registry to look ids up in (default: {@link modelRegistry}). */
  readonly registry?: ModelRegistry;
  /** User cache folder (default: `$XDG_CACHE_HOME/facepipe` or `~/.cache/facepipe`). */
  readonly cacheDir?: string;
  /**
   * Download missing models into the cache (default `true`, unless env `FACEPIPE_OFFLINE=1`).
   * Only models with a sha256 on record are ever downloaded.
   */
  readonly download?: boolean;
  /** Mirror replacing the pinned URL: `<baseUrl>/<folder>/<file>` (default: env `FACEPIPE_MODEL_BASE_URL`). */
  readonly baseUrl?: string;
  /** `fetch` used for downloads (default: the global one). */
  readonly fetch?: typeof globalThis.fetch;
  /** Aborts a download. */
  readonly signal?: AbortSignal;
}

/** Where a model was found. */
export interface ResolvedModel {
  /** Absolute path of the model file. */
  readonly path: string;
  /** Registry spec (by id, or by file name for explicit paths). */
  readonly spec: ModelSpec | undefined;
  readonly from: 'path' | 'models-dir' | 'cache' | 'download' | 'buffer';
  /** True when the file's sha256 was checked against the registry (always, for known models with a hash, except explicit paths). */
  readonly verified: boolean;
}

/**
 * Folders listed in `FACEPIPE_MODELS` (split on the platform path delimiter, empty entries dropped).
 *
 * ## Example
 * ```ts
 * modelDirsFromEnv({ FACEPIPE_MODELS: '/models:/opt/facepipe/models' }); // ['/models', '/opt/facepipe/models']
 * ```
 */
export function modelDirsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.FACEPIPE_MODELS ?? '').split(path.delimiter).filter(Boolean);
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * Where a registered model's file is on disk (FACEPIPE_MODELS folders, then the cache), without
 * hashing it; else every place looked. Shared by {@link resolveModel} and `verifyModel`.
 * @internal
 */
export function findLocalModel(
  spec: ModelSpec,
  options: Pick<ResolveModelOptions, 'modelDirs' | 'cacheDir'>,
): { path: string; from: 'models-dir' | 'cache' } | { tried: string[]; cacheDir: string } {
  const tried: string[] = [];
  const dirs = options.modelDirs ?? modelDirsFromEnv();
  for (const dir of dirs) {
    for (const candidate of [path.join(dir, spec.file), ...(spec.folder ? [path.join(dir, spec.folder, spec.file)] : [])]) {
      if (isFile(candidate)) return { path: path.resolve(candidate), from: 'models-dir' };
      tried.push(`${path.resolve(candidate)} (FACEPIPE_MODELS folder): not found`);
    }
  }
  if (dirs.length === 0) tried.push('FACEPIPE_MODELS: not set (no model folders)');
  const cacheDir = path.resolve(options.cacheDir ?? modelCacheDir());
  const cached = path.join(cacheDir, spec.file);
  if (isFile(cached)) return { path: cached, from: 'cache' };
  tried.push(`${cached} (user cache): not found`);
  return { tried, cacheDir };
}

/** A model as callers name it: a registry id, a path to an `.onnx` file, or the model's bytes. */
export type ModelSource = string | Uint8Array;

/**
 * Model bytes become a content-addressed file `<cacheDir>/buffers/<sha256>.onnx` (written once,
 * atomically), so every worker thread loads the same file and equal bytes are stored once. Bytes
 * equal to a registry model's verified file are that model (its spec, `verified: true`).
 */
async function resolveModelBytes(bytes: Uint8Array, options: ResolveModelOptions): Promise<ResolvedModel> {
  if (bytes.byteLength === 0) throw new ModelLoadError('Model buffer is empty (0 bytes): expected the bytes of an .onnx file', '<buffer of 0 bytes>');
  const registry = options.registry ?? modelRegistry;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const dir = path.join(path.resolve(options.cacheDir ?? modelCacheDir()), 'buffers');
  const file = path.join(dir, `${sha256}.onnx`);
  if (!isFile(file)) {
    await fs.promises.mkdir(dir, { recursive: true });
    const partial = `${file}.partial-${process.pid}`;
    await fs.promises.writeFile(partial, bytes);
    await fs.promises.rename(partial, file);
  }
  const spec = registry.list().find((s) => s.sha256 === sha256);
  return { path: file, spec, from: 'buffer', verified: spec !== undefined };
}

/** Check a found file of a known model against its sha256; refuse a mismatch. */
async function verified(spec: ModelSpec, file: string, from: ResolvedModel['from']): Promise<ResolvedModel> {
  const abs = path.resolve(file);
  if (!spec.sha256) return { path: abs, spec, from, verified: false };
  const actual = await cachedSha256(abs);
  if (actual !== spec.sha256) {
    throw new ModelLoadError(
      `Model ${spec.id}: sha256 mismatch for ${abs}\n  expected ${spec.sha256}\n  actual   ${actual}\n` +
        `The file is corrupt, truncated or a different version. Fix: delete or replace it (\`facepipe models fetch ${spec.id}\` downloads a verified copy), ` +
        `or pass the path of a file you trust explicitly.`,
      spec.id,
    );
  }
  return { path: abs, spec, from, verified: true };
}

/**
 * Find a model file, in this order:
 * 1. an explicit path (not a registry id) to an existing file: used as is (its spec is looked up by
 *    file name, the file is not hash-checked: you chose it);
 * 2. a registry id in the `FACEPIPE_MODELS` folders (`<dir>/<file>` or `<dir>/<folder>/<file>`);
 * 3. the user cache (`<cacheDir>/<file>`);
 * 4. a download into the cache from the pinned URL (or a mirror), verified by sha256 and renamed
 *    into place atomically.
 *
 * Model bytes (a `Buffer`/`Uint8Array`) are stored once as `<cacheDir>/buffers/<sha256>.onnx`
 * (`from: 'buffer'`); bytes identical to a registry model's file get that model's spec.
 *
 * Files found in 2 and 3 are sha256-verified against the registry (once per process per
 * path+size+mtime); a mismatch is refused.
 *
 * ## Example
 * ```ts
 * const { path, from } = await resolveModel('ultraface-rfb-320');
 * // e.g. { path: '/work/shared/models/ultraface/version-RFB-320.onnx', from: 'models-dir', verified: true }
 * ```
 * @throws {TypeError} when `idOrPath` is neither a non-empty string nor a byte array.
 * @throws {ModelLoadError} for an unknown id/missing path, a sha256 mismatch (expected and actual
 * hash and the path), or when no copy is found and none can be downloaded: the message lists every
 * place looked and how to fix it.
 */
export async function resolveModel(idOrPath: ModelSource, options: ResolveModelOptions = {}): Promise<ResolvedModel> {
  if (idOrPath instanceof Uint8Array) return resolveModelBytes(idOrPath, options);
  assertString(idOrPath, 'model');
  const registry = options.registry ?? modelRegistry;
  const spec = registry.get(idOrPath);
  if (!spec) {
    const abs = path.resolve(idOrPath);
    if (isFile(abs)) return { path: abs, spec: registry.findByFile(path.basename(abs)), from: 'path', verified: false };
    throw new ModelLoadError(
      `Model "${idOrPath}" is neither a file (${abs} does not exist) nor a known model id (known: ${registry.list().map((s) => s.id).join(', ')})`,
      idOrPath,
    );
  }

  const local = findLocalModel(spec, options);
  if ('path' in local) return verified(spec, local.path, local.from);
  const { tried, cacheDir } = local;

  const download = options.download ?? !/^(1|true|yes)$/i.test(process.env.FACEPIPE_OFFLINE ?? '');
  const baseUrl = options.baseUrl ?? process.env.FACEPIPE_MODEL_BASE_URL;
  const url = modelDownloadUrl(spec, baseUrl);
  if (!url) {
    tried.push(`download: not available (${spec.sha256 ? 'no URL on record' : 'no verified sha256 on record, so it is never downloaded'})`);
  } else if (!download) {
    tried.push(`download from ${url}: skipped (${options.download === false ? 'download: false' : 'FACEPIPE_OFFLINE is set'})`);
  } else {
    try {
      const file = await downloadModel(spec, { cacheDir, baseUrl, fetch: options.fetch, signal: options.signal });
      return { path: file, spec, from: 'download', verified: true };
    } catch (err) {
      tried.push(`download: ${(err as Error).message}`);
    }
  }
  const fixes = [
    `set FACEPIPE_MODELS to a folder holding ${spec.file}${spec.folder ? ` (directly or in ${spec.folder}/)` : ''}`,
    `pass the model file's path instead of the id (CLI: --detector, --landmarks or --segmenter <path>)`,
    ...(url ? [`run \`facepipe models fetch ${spec.id}\` while online (downloads ${url} into ${cacheDir})`] : []),
  ];
  throw new ModelLoadError(`Model ${spec.id} (${spec.file}) not found. Looked in:\n  - ${tried.join('\n  - ')}\nFix: ${fixes.join('; or ')}.`, spec.id);
}
