import fs from 'node:fs';
import path from 'node:path';
import { createSessionRunner, createTensor, ModelLoadError, type Tensor } from '@facepipe/core';

/**
 * Write model bytes to `outputPath` only if onnxruntime-node can load them and run one inference
 * with finite outputs: the bytes go to a temporary file in the target folder, are loaded and run,
 * then renamed over the target (atomic on one file system). On failure the temporary file is removed
 * and nothing is written.
 *
 * ## Example
 * ```ts
 * await writeValidatedModel(encodeOnnxModel(int8), 'out/model.int8.onnx', { sample });
 * ```
 * @throws {ModelLoadError} when onnxruntime rejects the model or an output is not finite.
 */
export async function writeValidatedModel(bytes: Uint8Array, outputPath: string, options: { sample?: Tensor<'float32'> } = {}): Promise<void> {
  const target = path.resolve(outputPath);
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  fs.writeFileSync(tmp, bytes);
  try {
    const runner = await createSessionRunner(tmp, { modelId: path.basename(target) });
    try {
      const input = runner.inputs[0];
      const sample =
        options.sample ?? createTensor('float32', input.dims.map((d) => (typeof d === 'number' && d > 0 ? d : 1)));
      const outs = await runner.run({ [input.name]: sample }, { copyInputs: true });
      for (const [name, t] of Object.entries(outs)) {
        const data = t.data as Float32Array;
        for (let i = 0; i < data.length; i++) {
          if (!Number.isFinite(data[i])) throw new ModelLoadError(`Quantized model produced a non-finite value in output ${name}`, target);
        }
      }
    } finally {
      await runner.dispose();
    }
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    if (err instanceof ModelLoadError) throw err;
    throw new ModelLoadError(`onnxruntime could not run the quantized model ${target}: ${(err as Error).message}`, target, { cause: err });
  }
}
