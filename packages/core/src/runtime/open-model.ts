import path from 'node:path';
import { assertInteger, assertStringArray } from '../shared/assert.js';
import { resolveModel, type ModelSource, type ResolveModelOptions } from '../models/resolve-model.js';
import type { ModelRunner } from './model-runner.js';
import type { ModelSpec } from '../models/model-spec.js';
import { createSessionRunner, type SessionSettings } from './session-runner.js';
import { validateModelIo, type ModelIoExpectation } from './validate-model-io.js';
import { createInferencePool } from './inference-pool.js';
import { prepareModelFile } from './prepare-model-file.js';

/** Options of {@link openModel}. */
export interface OpenModelOptions extends ResolveModelOptions, SessionSettings {
  /**
   * Worker threads running sessions. `0` runs in this thread (blocks the event loop during `run`).
   * Default 1: inference overlaps decoding and JS post-processing.
   */
  readonly workers?: number;
  /** Inputs/outputs the caller needs; checked once after loading. */
  readonly expect?: ModelIoExpectation;
  /**
   * `'dynamic'`: when the export froze the batch dim to 1, load a copy rewritten to take any batch
   * (checked against single runs, cached; see {@link prepareModelFile}), so one `run` can carry all
   * faces of a frame. If the rewrite does not hold, the file is loaded as it is (batch 1).
   */
  readonly batch?: 'dynamic';
}

/** A model runner together with its registry spec (when the model is a known one). */
export interface OpenedModel {
  readonly runner: ModelRunner;
  readonly spec: ModelSpec | undefined;
}

/**
 * Resolve a model id, path or buffer (see {@link resolveModel}), load it (in-process or in a worker pool), and check its I/O.
 *
 * ## Example
 * ```ts
 * const { runner, spec } = await openModel('ultraface-rfb-320', { workers: 2 });
 * const out = await runner.run({ input: tensor });
 * await runner.dispose();
 * ```
 * @throws {ModelLoadError} when the model cannot be found, verified or loaded, or lacks an expected tensor
 * (the message names the model, the missing tensor and the tensors it does have).
 * @throws {ShapeMismatchError} when an expected tensor has other dims.
 * @throws {RangeError} when `workers` is not an integer in [0, 64].
 * @throws {TypeError} when `modelDirs` is not an array of non-empty strings.
 */
export async function openModel(idOrPath: ModelSource, options: OpenModelOptions = {}): Promise<OpenedModel> {
  if (options.workers !== undefined) assertInteger(options.workers, 'workers', 0, 64);
  if (options.modelDirs !== undefined) assertStringArray(options.modelDirs, 'modelDirs');
  const resolved = await resolveModel(idOrPath, options);
  const modelId = resolved.spec?.id ?? (resolved.from === 'buffer' ? `<buffer ${path.basename(resolved.path).slice(0, 12)}>` : path.basename(resolved.path));
  const prepared = options.batch ? await prepareModelFile([resolved.path], { batch: options.batch, ...(options.cacheDir ? { cacheDir: path.join(options.cacheDir, 'prepared') } : {}) }) : undefined;
  // a batch that varies call by call: no memory pattern per shape (see SessionSettings.memPattern)
  const settings = prepared?.dynamicBatch && options.memPattern === undefined ? { ...options, memPattern: false } : options;
  return { runner: await openModelFile(prepared?.path ?? resolved.path, modelId, settings), spec: resolved.spec };
}

/**
 * Load a resolved model file in this thread (`workers: 0`) or a worker pool and check its I/O
 * against `options.expect` (the runner is disposed again when the check fails).
 * @internal shared by {@link openModel} and `openMergedModel`.
 */
export async function openModelFile(file: string, modelId: string, options: OpenModelOptions): Promise<ModelRunner> {
  const workers = options.workers ?? 1;
  const runner =
    workers <= 0
      ? await createSessionRunner(file, { ...options, modelId })
      : await createInferencePool(file, { ...options, modelId, workers });
  if (options.expect) {
    try {
      validateModelIo(modelId, runner, options.expect);
    } catch (err) {
      await runner.dispose();
      throw err;
    }
  }
  return runner;
}
