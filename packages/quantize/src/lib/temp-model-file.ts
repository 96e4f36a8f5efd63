import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSessionRunner, type ModelRunner, type SessionSettings } from '@facepipe/core';
import { encodeOnnxModel, type OnnxModel } from './onnx-model.js';

let counter = 0;

/**
 * Load an in-memory model into an in-process onnxruntime session (through a temporary file that is
 * removed as soon as the session exists).
 *
 * ## Example
 * ```ts
 * const runner = await openInMemoryModel(exposeTensors(model, names), { intraOpThreads: 1 });
 * ```
 * @throws {ModelLoadError} when onnxruntime rejects the model.
 */
export async function openInMemoryModel(model: OnnxModel | Uint8Array, settings: SessionSettings & { modelId?: string } = {}): Promise<ModelRunner> {
  const file = path.join(os.tmpdir(), `facepipe-quantize-${process.pid}-${Date.now()}-${counter++}.onnx`);
  fs.writeFileSync(file, model instanceof Uint8Array ? model : encodeOnnxModel(model));
  try {
    return await createSessionRunner(file, settings);
  } finally {
    fs.rmSync(file, { force: true });
  }
}
