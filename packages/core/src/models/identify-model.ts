import fs from 'node:fs';
import path from 'node:path';
import { assertString } from '../shared/assert.js';
import { ModelLoadError } from '../shared/errors.js';
import type { TensorInfo } from '../runtime/model-runner.js';
import { createSessionRunner } from '../runtime/session-runner.js';
import { cachedSha256 } from './model-cache.js';
import { modelRegistry, type ModelRegistry } from './model-registry.js';
import type { ModelSpec, ModelTask } from './model-spec.js';
import { dimFits, headSignature } from './head-signature.js';

/** Options of {@link identifyModel}. */
export interface IdentifyModelOptions {
  /** Registry to match against (default: {@link modelRegistry}). */
  readonly registry?: ModelRegistry;
  /** Only registry models of this task are candidates of the I/O signature match (the sha256 match is exact and takes any task). */
  readonly task?: ModelTask;
}

/** What {@link identifyModel} found out about a model file. */
export interface ModelIdentification {
  /** The registry model the file is (by sha256) or is driven like (by I/O signature); undefined when neither decides. */
  readonly spec: ModelSpec | undefined;
  readonly by: 'sha256' | 'signature' | undefined;
  /** sha256 of the file. */
  readonly sha256: string;
  /** Registry models whose I/O signature the file has (several with different preprocessing or heads: ambiguous). Empty after a sha256 match. */
  readonly candidates: readonly ModelSpec[];
  /** The file's inputs and outputs (read only when the sha256 is unknown; empty after a sha256 match). */
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
}

/** Whether a model with these inputs/outputs can be driven as `spec` says: input name and size here, the head's outputs by the check its stage registered. */
function hasSignature(spec: ModelSpec, inputs: readonly TensorInfo[], outputs: readonly TensorInfo[]): boolean {
  const input = inputs.find((i) => i.name === spec.input.name);
  if (!input || input.dims.length !== 4 || !dimFits(input.dims[1], 3)) return false;
  if (spec.input.dynamicMultiple === undefined && (!dimFits(input.dims[2], spec.input.height) || !dimFits(input.dims[3], spec.input.width))) return false;
  const check = headSignature(spec.head.kind);
  return check !== undefined && check(spec.head, outputs);
}

/**
 * Identify a model file by its content, not its name: first by sha256 against the registry (an
 * exact match: the file is that model, whatever it is called), then by I/O signature (input name
 * and size, and the output tensors the model's head needs) among the registry models of `task`.
 * A signature shared by several registry models that are prepared or decoded differently (e.g.
 * UltraFace with in-graph decoding and without) is ambiguous: `spec` is then undefined and
 * `candidates` lists them, so the caller can ask which family the file belongs to.
 *
 * Reading the signature loads the file once in this thread (only when the sha256 is unknown).
 *
 * ## Example
 * ```ts
 * const id = await identifyModel('/tmp/my-segmenter.onnx', { task: 'segmentation' });
 * id.spec?.id; // 'prisma-unet-256'
 * id.by;       // 'sha256' for a renamed copy; 'signature' for a re-export with the same tensors
 * ```
 * @throws {TypeError} when `file` is not a non-empty string.
 * @throws {ModelLoadError} when the file is missing or onnxruntime cannot load it.
 */
export async function identifyModel(file: string, options: IdentifyModelOptions = {}): Promise<ModelIdentification> {
  assertString(file, 'file');
  const registry = options.registry ?? modelRegistry;
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new ModelLoadError(`Model file not found: ${abs}`, path.basename(abs));
  const sha256 = await cachedSha256(abs);
  const exact = registry.list().find((s) => s.sha256 === sha256);
  if (exact) return { spec: exact, by: 'sha256', sha256, candidates: [], inputs: [], outputs: [] };
  const runner = await createSessionRunner(abs);
  const { inputs, outputs } = runner;
  await runner.dispose();
  const candidates = registry.list().filter((s) => (options.task === undefined || s.task === options.task) && hasSignature(s, inputs, outputs));
  // candidates prepared and decoded alike (UltraFace RFB and slim, the two FSA-Nets) identify the file together
  const ways = new Set(candidates.map((s) => JSON.stringify([s.task, s.input, s.head])));
  const spec = ways.size === 1 ? candidates[0] : undefined;
  return { spec, by: spec ? 'signature' : undefined, sha256, candidates, inputs, outputs };
}
