import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type ort from 'onnxruntime-node';
import { loadOrt } from '../shared/lazy-import.js';
import type onnxProto from 'onnx-proto';
import { ModelLoadError } from '../shared/errors.js';
import { cachedSha256, modelCacheDir } from '../models/model-cache.js';
import { makeBatchDynamic } from './make-batch-dynamic.js';
import { mergeModels } from './merge-models.js';

/** Options of {@link prepareModelFile}. */
export interface PrepareModelOptions {
  /** `'dynamic'`: rewrite a batch dim frozen to 1 so all faces of a frame go in one run. */
  readonly batch?: 'dynamic';
  /** Where prepared files are kept (default `<model cache>/prepared`, see `modelCacheDir`). */
  readonly cacheDir?: string;
}

/** A model file ready to load, and what it accepts. */
export interface PreparedModel {
  /** The file to load: a source itself when nothing had to change, else a rewritten copy in the cache. */
  readonly path: string;
  /** `true` when the file takes any batch size (symbolic leading dim on every input). */
  readonly dynamicBatch: boolean;
}

/** Bump when the rewrite changes, so stale cache entries are rebuilt. */
const VERSION = 1;

interface CacheEntry {
  readonly file: string | null;
  readonly dynamicBatch: boolean;
}

const randomInput = (n: number): Float32Array => {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.random() * 2 - 1;
  return a;
};

/**
 * Does a batch of 2 through `rewritten` give the same numbers as one run per sample through
 * `original`? Guards against graphs that hard-code the batch some way the rewrite does not handle.
 */
async function batchMatches(original: Uint8Array, rewritten: Uint8Array): Promise<boolean> {
  const runtime = await loadOrt();
  const opts: ort.InferenceSession.SessionOptions = { logSeverityLevel: 3, intraOpNumThreads: 1, interOpNumThreads: 1 };
  const [a, b] = await Promise.all([runtime.InferenceSession.create(original, opts), runtime.InferenceSession.create(rewritten, opts)]);
  try {
    const singles: Record<string, ort.Tensor>[] = [{}, {}];
    const batch: Record<string, ort.Tensor> = {};
    for (const m of a.inputMetadata) {
      if (!m.isTensor || m.type !== 'float32' || !m.shape.every((d) => typeof d === 'number' && d > 0)) return false;
      const dims = m.shape as number[];
      const per = dims.reduce((x, y) => x * y, 1);
      const data = randomInput(2 * per);
      singles[0]![m.name] = new runtime.Tensor('float32', data.slice(0, per), dims);
      singles[1]![m.name] = new runtime.Tensor('float32', data.slice(per), dims);
      batch[m.name] = new runtime.Tensor('float32', data, [2, ...dims.slice(1)]);
    }
    const [r0, r1, rb] = [await a.run(singles[0]!), await a.run(singles[1]!), await b.run(batch)];
    for (const name of Object.keys(r0)) {
      const x0 = r0[name]!.data as Float32Array, x1 = r1[name]!.data as Float32Array, y = rb[name]?.data as Float32Array | undefined;
      if (!y || y.length !== x0.length + x1.length) return false;
      for (let i = 0; i < y.length; i++) {
        const ref = i < x0.length ? x0[i]! : x1[i - x0.length]!;
        if (!(Math.abs(ref - y[i]!) <= 1e-3 * (1 + Math.abs(ref)))) return false;
      }
    }
    return true;
  } catch {
    return false;
  } finally {
    await Promise.all([a.release(), b.release()]);
  }
}

function writeAtomic(file: string, bytes: Uint8Array | string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
}

function readEntry(file: string): CacheEntry | undefined {
  try {
    const e = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheEntry;
    if (e.file !== null && !fs.existsSync(e.file)) return undefined;
    return e;
  } catch {
    return undefined;
  }
}

/**
 * Turn one or more model files into one file to load: several files are merged into one graph
 * ({@link mergeModels}: one `run` computes them all), and with `batch: 'dynamic'` a batch dim frozen to
 * 1 is made symbolic ({@link makeBatchDynamic}). A rewritten batch is kept only if a batch of two random
 * inputs gives the same outputs as two single runs of the original (within 1e-3); otherwise the model
 * stays fixed-batch (`dynamicBatch: false`) and callers run one input at a time.
 *
 * The result is cached per source content (sha256) in `cacheDir`, so the rewrite and its check cost
 * ~100 ms once per machine and a later open costs a file lookup (onnx-proto is not even loaded).
 *
 * ## Example
 * ```ts
 * const p = await prepareModelFile(['PFLD_GhostOne_112_1_opt_sim.onnx'], { batch: 'dynamic' });
 * p.dynamicBatch; // true: p.path takes [N,3,112,112]
 * ```
 * @throws {ModelLoadError} when a source cannot be read or decoded, or the models cannot be merged.
 */
export async function prepareModelFile(sources: readonly string[], options: PrepareModelOptions = {}): Promise<PreparedModel> {
  if (sources.length === 0) throw new ModelLoadError('Expected at least one model file to prepare, got 0', '<none>');
  const abs = sources.map((s) => path.resolve(s));
  const label = abs.map((s) => path.basename(s)).join(' + ');
  let hashes: string[];
  try {
    hashes = await Promise.all(abs.map((s) => cachedSha256(s)));
  } catch (err) {
    throw new ModelLoadError(`Cannot read model file for ${label}: ${(err as Error).message}`, label, { cause: err });
  }
  const key = crypto.createHash('sha256').update(JSON.stringify({ VERSION, batch: options.batch ?? 'as-is', hashes })).digest('hex').slice(0, 16);
  const stem = `${path.basename(abs[0]!, '.onnx')}${abs.length > 1 ? `+${abs.length - 1}` : ''}-${key}`;
  const dirs = [options.cacheDir ?? path.join(modelCacheDir(), 'prepared'), path.join(os.tmpdir(), 'facepipe-prepared')];
  for (const dir of dirs) {
    const hit = readEntry(path.join(dir, `${stem}.json`));
    if (hit) return { path: hit.file ?? abs[0]!, dynamicBatch: hit.dynamicBatch };
  }

  const { onnx } = (await import('onnx-proto')).default; // loaded only when a cache entry is built
  let models: onnxProto.onnx.ModelProto[];
  try {
    models = abs.map((s) => onnx.ModelProto.decode(fs.readFileSync(s)));
  } catch (err) {
    throw new ModelLoadError(`Cannot decode ONNX model ${label}: ${(err as Error).message}`, label, { cause: err });
  }
  const base = models.length > 1 ? mergeModels(models, label) : models[0]!;
  const baseBytes = models.length > 1 ? onnx.ModelProto.encode(base).finish() : undefined;
  let bytes = baseBytes;
  let dynamicBatch = false;
  if (options.batch === 'dynamic') {
    const before = baseBytes ?? fs.readFileSync(abs[0]!);
    const copy = onnx.ModelProto.decode(before);
    if (makeBatchDynamic(copy)) {
      const rewritten = onnx.ModelProto.encode(copy).finish();
      if (await batchMatches(before, rewritten)) {
        bytes = rewritten;
        dynamicBatch = true;
      }
    } else {
      dynamicBatch = (copy.graph?.input ?? []).some((i) => Boolean(i.type?.tensorType?.shape?.dim?.[0]?.dimParam));
    }
  }
  for (const dir of dirs) {
    try {
      const file = bytes ? path.join(dir, `${stem}.onnx`) : null;
      if (file && bytes) writeAtomic(file, bytes);
      writeAtomic(path.join(dir, `${stem}.json`), JSON.stringify({ file, dynamicBatch } satisfies CacheEntry));
      return { path: file ?? abs[0]!, dynamicBatch };
    } catch {
      // read-only cache folder: try the next one
    }
  }
  throw new ModelLoadError(`Cannot write the prepared model ${stem}.onnx to ${dirs.join(' or ')}`, label);
}
