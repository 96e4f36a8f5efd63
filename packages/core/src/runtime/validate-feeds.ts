import { ShapeMismatchError } from '../shared/errors.js';
import type { TensorInfo, TensorMap } from './model-runner.js';

const list = (names: readonly string[]): string => `[${names.map((n) => `"${n}"`).join(', ')}]`;

function isTypedArray(v: unknown): v is ArrayLike<unknown> & ArrayBufferView {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

/**
 * Check one run's feeds (and requested output names) against a model's metadata before any work
 * is queued: every model input fed and no unknown names; each tensor's element type, rank and
 * fixed dimensions as the model declares (symbolic dims such as `"batch_size"` accept any size);
 * `data.length` equal to the product of `dims`. Shared by the in-process runner and the pool.
 *
 * ## Example
 * ```ts
 * validateFeeds('ultraface-rfb-320', runner.inputs, { input: createTensor('float32', [1, 3, 240, 320]) }); // ok
 * validateFeeds('ultraface-rfb-320', runner.inputs, { input: createTensor('float32', [1, 3, 320, 320]) });
 * // ShapeMismatchError: Expected input "input" of model ultraface-rfb-320 to be [1, 3, 240, 320], got [1, 3, 320, 320]
 * ```
 * @throws {ShapeMismatchError} for unknown/missing feed or output names, wrong type, rank, dims or data length.
 * @throws {TypeError} when a feed is not a tensor-like object.
 */
export function validateFeeds(modelId: string, inputs: readonly TensorInfo[], outputs: readonly TensorInfo[], feeds: TensorMap, wanted?: readonly string[]): void {
  if (feeds === null || typeof feeds !== 'object') throw new TypeError(`Expected the feeds of model ${modelId} to be an object of tensors by input name, got ${feeds === null ? 'null' : typeof feeds}`);
  const names = Object.keys(feeds);
  const inputNames = inputs.map((i) => i.name);
  if (names.length !== inputs.length || names.some((n) => !inputNames.includes(n))) {
    throw new ShapeMismatchError(`the feeds of model ${modelId}`, `tensors named ${list(inputNames)}`, list(names));
  }
  for (const info of inputs) {
    const t = feeds[info.name]!;
    const subject = `input "${info.name}" of model ${modelId}`;
    if (t === null || typeof t !== 'object' || !Array.isArray(t.dims) || !isTypedArray(t.data)) {
      throw new TypeError(`Expected ${subject} to be a tensor {type, dims, data: TypedArray}, got ${t === null ? 'null' : typeof t}`);
    }
    if (info.type !== t.type && info.type !== 'non-tensor') throw new ShapeMismatchError(`${subject} element type`, info.type, String(t.type));
    const ok = t.dims.length === info.dims.length && info.dims.every((d, k) => typeof d === 'string' || d < 0 || d === t.dims[k]);
    if (!ok) throw new ShapeMismatchError(subject, `[${info.dims.join(', ')}]`, `[${t.dims.join(', ')}]`);
    let n = 1;
    for (const d of t.dims) {
      if (!Number.isInteger(d) || d < 0) throw new ShapeMismatchError(`${subject} dims`, 'non-negative integers', `[${t.dims.join(', ')}]`);
      n *= d;
    }
    if (t.data.length !== n) {
      const detached = t.data.length === 0 && t.data.buffer.byteLength === 0 && n > 0;
      throw new ShapeMismatchError(
        `${subject} data (dims [${t.dims.join(', ')}])`,
        `${n} elements`,
        detached ? '0 elements: its buffer is detached (transferred to a worker by an earlier run; pass `copyInputs: true` to reuse a tensor)' : `${t.data.length} elements`,
      );
    }
  }
  if (wanted) {
    const outputNames = outputs.map((o) => o.name);
    if (wanted.some((w) => !outputNames.includes(w))) throw new ShapeMismatchError(`the requested outputs of model ${modelId}`, `a subset of ${list(outputNames)}`, list(wanted));
  }
}
