import fs from 'node:fs';
import path from 'node:path';
import { ModelLoadError, modelRegistry, resolveModel, type ModelSpec } from '@facepipe/core';
import './register-stages.js';

/**
 * File name of the int8 variant of a model file: `<stem>.int8.onnx`.
 *
 * ## Example
 * ```ts
 * int8FileName('/m/net.onnx'); // 'net.int8.onnx'
 * ```
 */
export function int8FileName(file: string): string {
  const base = path.basename(file);
  return `${base.endsWith('.onnx') ? base.slice(0, -5) : base}.int8.onnx`;
}

/**
 * Find the int8-quantized variant of a model (for `--int8`): `<stem>.int8.onnx` beside an
 * explicit path, or, for a registry id, in the `FACEPIPE_MODELS` folders (and their model
 * sub-folder) or the user cache. A registry id gets a derived registry entry `<id>-int8` (same input
 * spec and head) so the stage packages preprocess it like the fp32 model. Returns the id or path
 * to open.
 *
 * ## Example
 * ```ts
 * await int8Variant('ultraface-rfb-320-sim'); // 'ultraface-rfb-320-sim-int8'
 * ```
 * @throws {ModelLoadError} when no int8 file exists, saying in one line how to create it with `facepipe quantize`.
 */
export async function int8Variant(idOrPath: string): Promise<string> {
  const spec = modelRegistry.get(idOrPath);
  if (!spec) {
    const abs = path.resolve(idOrPath);
    const candidate = path.join(path.dirname(abs), int8FileName(abs));
    if (fs.existsSync(candidate)) return candidate;
    throw new ModelLoadError(`No int8 variant of ${idOrPath} (${candidate}); create it with: facepipe quantize ${idOrPath} --calib <images-folder|video> --out ${candidate}`, idOrPath);
  }
  const id = `${spec.id}-int8`;
  if (!modelRegistry.get(id)) {
    const derived: ModelSpec = {
      id,
      task: spec.task,
      file: int8FileName(spec.file),
      ...(spec.folder !== undefined ? { folder: spec.folder } : {}),
      license: spec.license,
      source: spec.source,
      input: spec.input,
      head: spec.head,
      description: `${spec.description} (int8, made with facepipe quantize)`,
    };
    modelRegistry.register(derived);
  }
  try {
    await resolveModel(id, { download: false });
    return id;
  } catch (err) {
    if (!(err instanceof ModelLoadError)) throw err;
    throw new ModelLoadError(`No int8 variant of ${spec.id} (${int8FileName(spec.file)}, looked in FACEPIPE_MODELS and the model cache); create it with: facepipe quantize ${spec.id} --calib <images-folder|video>`, spec.id, { cause: err });
  }
}
