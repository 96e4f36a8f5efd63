import { checkModelArg } from '../shared/check-model-arg.js';
import { int8Variant } from './int8-variant.js';

/** The model a stage opens, and the id/path it stands for (the preset of an int8 variant). */
export interface StageModel {
  /** Registry id or path to open. */
  readonly model: string;
  /** The fp32 id or path the user asked for. */
  readonly base: string;
}

/**
 * Pick the model file of a stage: the given id/path, or its int8 variant with `int8`.
 *
 * ## Example
 * ```ts
 * await stageModel('pfld-ghostone-98', true); // { model: 'pfld-ghostone-98-int8', base: 'pfld-ghostone-98' }
 * ```
 * @param flag - the flag the id/path came from (`--detector`, ...), named in the usage error.
 * @throws {UsageError} when `idOrPath` is neither a registry id nor an existing file.
 * @throws {ModelLoadError} when `int8` is set and no quantized file exists (the message says how to make one).
 */
export async function stageModel(idOrPath: string, int8: boolean, flag = 'model'): Promise<StageModel> {
  checkModelArg(idOrPath, flag);
  return { model: int8 ? await int8Variant(idOrPath) : idOrPath, base: idOrPath };
}
