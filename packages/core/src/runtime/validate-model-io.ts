import { ModelLoadError, ShapeMismatchError } from '../shared/errors.js';
import type { TensorInfo } from './model-runner.js';

/** Expected shape of one model tensor: numbers must match; `null`/strings accept any size there. */
export type DimsPattern = readonly (number | string | null)[];

/** What a stage requires of a model: tensor names (in order, or a subset) and optionally their dims. */
export interface ModelIoExpectation {
  readonly inputs?: Readonly<Record<string, DimsPattern | null>>;
  readonly outputs?: Readonly<Record<string, DimsPattern | null>>;
}

function check(modelId: string, kind: 'input' | 'output', infos: readonly TensorInfo[], expected: Readonly<Record<string, DimsPattern | null>>): void {
  for (const [name, pattern] of Object.entries(expected)) {
    const info = infos.find((i) => i.name === name);
    if (!info) {
      throw new ModelLoadError(
        `Model ${modelId} has no ${kind} named "${name}" (its ${kind}s: ${infos.map((i) => `"${i.name}" [${i.dims.join(',')}]`).join(', ') || 'none'}). ` +
          `Is this the right model for this stage?`,
        modelId,
      );
    }
    if (!pattern) continue;
    const ok =
      pattern.length === info.dims.length &&
      pattern.every((p, k) => p === null || typeof p === 'string' || typeof info.dims[k] === 'string' || info.dims[k] === -1 || info.dims[k] === p);
    if (!ok) {
      throw new ShapeMismatchError(`${kind} "${name}" of model ${modelId}`, `[${pattern.map((p) => (p === null ? '?' : p)).join(', ')}]`, `[${info.dims.join(', ')}]`);
    }
  }
}

/**
 * Check a loaded model's inputs/outputs against what a stage expects. Dimensions the model leaves
 * symbolic (`"None"`, `"batch_size"`) match anything.
 *
 * ## Example
 * ```ts
 * validateModelIo('pfld-ghostone-98', runner, { outputs: { scores: [1, null, 2] } });
 * // ModelLoadError: Model pfld-ghostone-98 has no output named "scores" (its outputs: "output" [1,196]). Is this the right model for this stage?
 * ```
 *
 * @throws {ModelLoadError} when a named tensor is missing (e.g. a landmark model passed as a detector).
 * @throws {ShapeMismatchError} when a tensor's rank or a fixed dimension differs.
 */
export function validateModelIo(modelId: string, io: { inputs: readonly TensorInfo[]; outputs: readonly TensorInfo[] }, expected: ModelIoExpectation): void {
  if (expected.inputs) check(modelId, 'input', io.inputs, expected.inputs);
  if (expected.outputs) check(modelId, 'output', io.outputs, expected.outputs);
}
