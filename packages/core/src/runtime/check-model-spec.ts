import type { ModelSpec } from '../models/model-spec.js';
import { ShapeMismatchError } from '../shared/errors.js';
import { openModel, type OpenModelOptions } from './open-model.js';

/**
 * Check a registered spec against its model file: the file resolves (and, with a sha256 on record,
 * verifies), has exactly one input named `spec.input.name` with 3 channels and the spec's size
 * (symbolic height/width when `dynamicMultiple` is set), and has every output in `outputs` (the
 * names the stage's decoder reads from the head). Loads the model in this thread and disposes it.
 *
 * ## Example
 * ```ts
 * for (const spec of ULTRAFACE_MODELS) await checkModelSpec(spec, [spec.head.scores, spec.head.boxes]);
 * ```
 * @throws {ModelLoadError} when the file cannot be found, verified or loaded, or lacks an input/output.
 * @throws {ShapeMismatchError} when the inputs or their dims disagree with the spec.
 */
export async function checkModelSpec(spec: ModelSpec, outputs: readonly string[], options: Pick<OpenModelOptions, 'modelDirs' | 'cacheDir' | 'registry' | 'download'> = {}): Promise<void> {
  const { input } = spec;
  const dynamic = input.dynamicMultiple !== undefined;
  const { runner } = await openModel(spec.id, {
    ...options,
    workers: 0,
    intraOpThreads: 1,
    expect: { inputs: { [input.name]: [null, 3, dynamic ? null : input.height, dynamic ? null : input.width] }, outputs: Object.fromEntries(outputs.map((n) => [n, null])) },
  });
  try {
    const names = runner.inputs.map((i) => `"${i.name}"`);
    if (names.length !== 1) throw new ShapeMismatchError(`inputs of model ${spec.id}`, `the single input "${input.name}"`, names.join(', '));
    const dims = runner.inputs[0]!.dims;
    if (dynamic && (typeof dims[2] !== 'string' || typeof dims[3] !== 'string')) {
      throw new ShapeMismatchError(`input "${input.name}" of model ${spec.id} (dynamicMultiple ${input.dynamicMultiple})`, 'symbolic height and width', `[${dims.join(', ')}]`);
    }
  } finally {
    await runner.dispose();
  }
}
