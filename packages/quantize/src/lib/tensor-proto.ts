import { onnx, type OnnxTensor } from './onnx-model.js';
import { UnsupportedModelError } from './errors.js';

/** ONNX TensorProto data types used here. */
export const DataType = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7 } as const;

/**
 * Dims of an initializer as plain numbers (protobufjs decodes int64 as `Long`).
 *
 * ## Example
 * ```ts
 * tensorDims(weight); // [64, 3, 3, 3]
 * ```
 */
export function tensorDims(t: OnnxTensor): number[] {
  return t.dims.map((d) => Number(d));
}

/**
 * Values of a float32 initializer, whether stored as `raw_data` or `float_data` (copied, aligned).
 *
 * ## Example
 * ```ts
 * const w = floatTensorData(weight); // Float32Array of 64*3*3*3
 * ```
 * @throws {UnsupportedModelError} for non-float tensors or external data.
 */
export function floatTensorData(t: OnnxTensor): Float32Array {
  if (t.dataType !== DataType.FLOAT) throw new UnsupportedModelError(`Initializer ${t.name} is not float32 (data type ${t.dataType})`, [t.name]);
  if (t.dataLocation === 1 || t.externalData.length > 0) throw new UnsupportedModelError(`Initializer ${t.name} uses external data`, [t.name]);
  if (t.rawData && t.rawData.length > 0) {
    const out = new Float32Array(t.rawData.length / 4);
    new Uint8Array(out.buffer).set(t.rawData);
    return out;
  }
  return Float32Array.from(t.floatData);
}

/**
 * Build an initializer with `raw_data` (little-endian, as ONNX requires).
 *
 * ## Example
 * ```ts
 * makeTensor('w_scale', DataType.FLOAT, [64], scales);
 * ```
 */
export function makeTensor(name: string, dataType: number, dims: readonly number[], data: Float32Array | Int8Array | Uint8Array | Int32Array): OnnxTensor {
  return onnx.TensorProto.create({
    name,
    dataType,
    dims: [...dims],
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice(),
  });
}
