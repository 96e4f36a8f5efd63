import { ShapeMismatchError } from '../shared/errors.js';

/** Element types a {@link Tensor} can hold; the names match onnxruntime-common's `Tensor.Type`. */
export interface DataTypeMap {
  float32: Float32Array;
  uint8: Uint8Array;
  int8: Int8Array;
  uint16: Uint16Array;
  int16: Int16Array;
  int32: Int32Array;
  int64: BigInt64Array;
  uint32: Uint32Array;
  float64: Float64Array;
  bool: Uint8Array;
}

/** A tensor element type name. */
export type DType = keyof DataTypeMap;

/**
 * A dense tensor: element type, dimensions and a flat typed array in row-major order.
 *
 * The shape is structurally the same as onnxruntime-common's tensor (`type`, `dims`, `data`), so
 * handing one to onnxruntime-node wraps the same `ArrayBuffer` without copying.
 */
export interface Tensor<T extends DType = DType> {
  readonly type: T;
  readonly dims: readonly number[];
  readonly data: DataTypeMap[T];
}

const CTORS: { [K in DType]: new (n: number) => DataTypeMap[K] } = {
  float32: Float32Array,
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint32: Uint32Array,
  float64: Float64Array,
  bool: Uint8Array,
};

/** Number of elements a tensor of these dimensions holds. */
export function tensorSize(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

/**
 * Create a tensor, allocating `data` when it is not given and checking its length against `dims`.
 *
 * ## Example
 * ```ts
 * const t = createTensor('float32', [1, 3, 2, 2]);
 * t.data.length; // 12
 * ```
 * @throws {ShapeMismatchError} when `data.length` is not the product of `dims`.
 * @throws {RangeError} when a dimension is not a non-negative integer.
 */
export function createTensor<T extends DType>(type: T, dims: readonly number[], data?: DataTypeMap[T]): Tensor<T> {
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0) throw new RangeError(`Expected tensor dims to be non-negative integers, got [${dims.join(', ')}]`);
  }
  const n = tensorSize(dims);
  if (data === undefined) {
    const Ctor = CTORS[type];
    if (!Ctor) throw new TypeError(`Expected a tensor type in ${Object.keys(CTORS).join('|')}, got \`${String(type)}\``);
    data = new Ctor(n);
  } else if (data.length !== n) {
    throw new ShapeMismatchError(`tensor of dims [${dims.join(', ')}]`, `${n} elements`, `${data.length} elements`);
  }
  return { type, dims: [...dims], data };
}
