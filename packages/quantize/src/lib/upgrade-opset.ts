import { UnsupportedModelError } from './errors.js';
import { graphOf, onnx, type OnnxModel, type OnnxNode } from './onnx-model.js';

/**
 * ai.onnx ops whose schema (inputs, attributes, semantics) is identical — or only gained optional
 * attributes/types with defaults matching the old behaviour — from opset 7 up to opset 10.
 * (Checked against the ONNX operator changelog: e.g. AveragePool-10 adds `ceil_mode` default 0,
 * MaxPool-8/10 add `storage_order`/`ceil_mode` defaults, Gemm-9 adds types.)
 */
const STABLE_7_TO_10 = new Set([
  'Conv', 'ConvTranspose', 'Relu', 'LeakyRelu', 'PRelu', 'Sigmoid', 'Tanh', 'Softmax', 'LogSoftmax', 'Add', 'Sub', 'Mul', 'Div',
  'Sum', 'Max', 'Min', 'Concat', 'Transpose', 'Reshape', 'Flatten', 'Squeeze', 'Unsqueeze', 'Gemm', 'MatMul', 'AveragePool',
  'MaxPool', 'GlobalAveragePool', 'GlobalMaxPool', 'Identity', 'Exp', 'Sqrt', 'Pow', 'Clip', 'Pad', 'Shape', 'Gather',
  'ReduceMean', 'ReduceSum', 'ReduceMax', 'HardSigmoid', 'Elu', 'Abs', 'Neg', 'Split', 'LRN', 'Constant',
]);

/**
 * Ops whose schema changed (or which appeared) between opset 7 and 10, with the versions of the
 * change: they are safe when the model's opset is already at or past the last change below the
 * target (e.g. an opset-9 model's BatchNormalization-9 is the opset-10 one too).
 */
const CHANGED_AT: Readonly<Record<string, readonly number[]>> = {
  BatchNormalization: [7, 9],
  Cast: [9],
  ConstantOfShape: [9],
  Greater: [7, 9],
  Less: [7, 9],
  Where: [9],
  Upsample: [7, 9, 10],
  Dropout: [7, 10],
  TopK: [10],
};

/** Ops that changed schema at 10 but have a mechanical rewrite to the new form (see {@link rewriteSlice10}). */
const REWRITABLE_AT_10 = new Set(['Slice']);

function aiOnnxEntry(model: OnnxModel) {
  return model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx');
}

/** Op types of the graph that cannot be carried from opset `from` to `to` unchanged nor rewritten. */
function blockingOps(model: OnnxModel, from: number, to: number): string[] {
  const blocked = new Set<string>();
  for (const n of graphOf(model).node) {
    if (n.domain && n.domain !== 'ai.onnx') continue;
    if (STABLE_7_TO_10.has(n.opType)) continue;
    if (REWRITABLE_AT_10.has(n.opType) && from < 10 && to >= 10 && to < 13) continue;
    const changes = CHANGED_AT[n.opType];
    if (changes && changes.every((v) => v <= from || v > to)) continue;
    blocked.add(n.opType);
  }
  return [...blocked];
}

function int64Initializer(name: string, values: readonly bigint[]) {
  const data = BigInt64Array.from(values);
  return onnx.TensorProto.create({ name, dataType: 7, dims: [values.length], rawData: new Uint8Array(data.buffer).slice() });
}

/**
 * Rewrite an opset-1 `Slice` (starts/ends/axes attributes) into the opset-10 form (the same values
 * as int64 initializer inputs); the semantics (clamping, negative indices) are unchanged.
 */
function rewriteSlice10(model: OnnxModel, node: OnnxNode, index: number): void {
  // int64 attributes decode as numbers or Longs; String() keeps INT64_MAX ("to the end") exact
  const attr = (name: string) => node.attribute.find((a) => a.name === name)?.ints?.map((v) => BigInt(String(v)));
  const starts = attr('starts');
  const ends = attr('ends');
  if (!starts || !ends) return; // already opset-10 form (inputs)
  const axes = attr('axes') ?? starts.map((_, i) => BigInt(i));
  const base = `${node.name || node.output[0] || `slice${index}`}_slice10`;
  const graph = graphOf(model);
  graph.initializer.push(int64Initializer(`${base}_starts`, starts), int64Initializer(`${base}_ends`, ends), int64Initializer(`${base}_axes`, axes));
  node.input = [node.input[0], `${base}_starts`, `${base}_ends`, `${base}_axes`];
  node.attribute = node.attribute.filter((a) => !['starts', 'ends', 'axes'].includes(a.name ?? ''));
}

/**
 * Raise the ai.onnx opset import of a model to at least `target` (10: the lowest opset with
 * QLinearConv, which onnxruntime's QDQ fusion emits) when every op in the graph has the same schema
 * at both versions, rewriting the ops that only changed form (`Slice`-1 attributes become
 * `Slice`-10 inputs). Mutates and returns the model; a model already at or above `target` is returned unchanged.
 *
 * ## Example
 * ```ts
 * upgradeOpset(model, 10); // opset 9 UltraFace RFB-320: its 6 Slice nodes get input form, opset 10
 * ```
 * @throws {UnsupportedModelError} listing the ops whose schema changed before `target` (the model cannot be fused safely).
 */
export function upgradeOpset(model: OnnxModel, target = 10): OnnxModel {
  const entry = aiOnnxEntry(model);
  if (!entry || Number(entry.version) >= target) return model;
  assertOpsetUpgradable(model, target);
  graphOf(model).node.forEach((n, i) => {
    if (n.opType === 'Slice' && (!n.domain || n.domain === 'ai.onnx')) rewriteSlice10(model, n, i);
  });
  entry.version = target;
  return model;
}

/**
 * Check, without changing anything, that {@link upgradeOpset} can raise the model to `target`.
 *
 * ## Example
 * ```ts
 * assertOpsetUpgradable(readOnnxModel('version-RFB-320.onnx')); // ok: BatchNormalization-9 is current at 10, Slice is rewritten
 * ```
 * @throws {UnsupportedModelError} listing the ops whose schema changed before `target`.
 */
export function assertOpsetUpgradable(model: OnnxModel, target = 10): void {
  const entry = aiOnnxEntry(model);
  const current = entry ? Number(entry.version) : 0;
  if (!entry || current >= target) return;
  if (current < 7) throw new UnsupportedModelError(`ai.onnx opset ${current} is older than 7; cannot upgrade to ${target}`, []);
  const blocking = blockingOps(model, current, target);
  if (blocking.length > 0) {
    throw new UnsupportedModelError(
      `Cannot raise ai.onnx opset ${current} -> ${target} (needed for onnxruntime's QLinearConv fusion): op(s) ${blocking.join(', ')} changed schema in between`,
      blocking,
    );
  }
}
