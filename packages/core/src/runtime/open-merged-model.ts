import path from 'node:path';
import { assertInteger, assertStringArray } from '../shared/assert.js';
import { resolveModel } from '../models/resolve-model.js';
import type { ModelSpec } from '../models/model-spec.js';
import type { ModelRunner } from './model-runner.js';
import { openModelFile, type OpenModelOptions } from './open-model.js';
import { prepareModelFile } from './prepare-model-file.js';
import { mergedOutputName } from './merge-models.js';

/** Several models loaded as one graph: one `run` computes all of them. */
export interface OpenedMergedModel {
  /** Runs every model at once; model `i`'s output `name` is `mergedOutputName(i, name)`. */
  readonly runner: ModelRunner;
  /** Registry specs of the models, in the order given. */
  readonly specs: readonly (ModelSpec | undefined)[];
  /** Registry ids (or file names) of the models, in the order given. */
  readonly modelIds: readonly string[];
  /** Name of model `index`'s output `name` in the loaded graph (`m<index>/<name>` when merged, `name` for a single model). */
  outputName(index: number, name: string): string;
}

/**
 * Resolve several models that read the same input, merge them into one graph ({@link mergeModels},
 * cached per content) and load that once: one session, one `run` per call, instead of one per model
 * (FSA-Net's two heads). With `batch: 'dynamic'` the merged graph also takes any batch size. `expect`
 * is checked against the loaded model, so name outputs with `mergedOutputName(i, name)`.
 * A single id is opened as it is (no merge).
 *
 * ## Example
 * ```ts
 * const { runner } = await openMergedModel(['fsanet-1x1', 'fsanet-var'], { batch: 'dynamic', workers: 1 });
 * const out = await runner.run({ input: crops }); // out['m0/output'], out['m1/output']: [n, 3] each
 * ```
 * @throws {ModelLoadError} when a model cannot be found, verified, merged or loaded.
 * @throws {TypeError} when `ids` is not a non-empty array of strings.
 */
export async function openMergedModel(ids: readonly string[], options: OpenModelOptions = {}): Promise<OpenedMergedModel> {
  assertStringArray(ids, 'ids');
  if (ids.length === 0) throw new TypeError('Expected `ids` to name at least one model, got an empty array');
  if (options.workers !== undefined) assertInteger(options.workers, 'workers', 0, 64);
  if (options.modelDirs !== undefined) assertStringArray(options.modelDirs, 'modelDirs');
  const resolved = await Promise.all(ids.map((id) => resolveModel(id, options)));
  const modelIds = resolved.map((r) => r.spec?.id ?? path.basename(r.path));
  const needsPrep = resolved.length > 1 || options.batch !== undefined;
  const prepared = needsPrep
    ? await prepareModelFile(resolved.map((r) => r.path), { ...(options.batch ? { batch: options.batch } : {}), ...(options.cacheDir ? { cacheDir: path.join(options.cacheDir, 'prepared') } : {}) })
    : undefined;
  // a batch that varies call by call: no memory pattern per shape (see SessionSettings.memPattern)
  const settings = prepared?.dynamicBatch && options.memPattern === undefined ? { ...options, memPattern: false } : options;
  const runner = await openModelFile(prepared?.path ?? resolved[0]!.path, modelIds.join('+'), settings);
  const merged = resolved.length > 1;
  return { runner, specs: resolved.map((r) => r.spec), modelIds, outputName: (index, name) => (merged ? mergedOutputName(index, name) : name) };
}
