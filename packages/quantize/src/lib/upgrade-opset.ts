import { UnsupportedModelError } from './errors.js';
import { graphOf, type OnnxModel } from './onnx-model.js';

/**
 * ai.onnx ops whose schema (inputs, attributes, semantics) is identical — or only gained optional
 * attributes/types with defaults matching the old behaviour — from opset 7 up to opset 10.
 * (Checked against the ONNX operator changelog: e.g. AveragePool-10 adds `ceil_mode` default 0,
 * MaxPool-8/10 add `storage_order`/`ceil_mode` defaults, Gemm-9 adds types.)
 * Ops that changed in that range (Slice-10, Upsample-9/10, Dropout-10, TopK-10, BatchNormalization-9,
 * Cast-9, Scan-8/9, Flatten-9 (types only, allowed), …) are not listed: they block the upgrade.
 */
const STABLE_7_TO_10 = new Set([
  'Conv', 'ConvTranspose', 'Relu', 'LeakyRelu', 'PRelu', 'Sigmoid', 'Tanh', 'Softmax', 'LogSoftmax', 'Add', 'Sub', 'Mul', 'Div',
  'Sum', 'Max', 'Min', 'Concat', 'Transpose', 'Reshape', 'Flatten', 'Squeeze', 'Unsqueeze', 'Gemm', 'MatMul', 'AveragePool',
  'MaxPool', 'GlobalAveragePool', 'GlobalMaxPool', 'Identity', 'Exp', 'Sqrt', 'Pow', 'Clip', 'Pad', 'Shape', 'Gather',
  'ReduceMean', 'ReduceSum', 'ReduceMax', 'HardSigmoid', 'Elu', 'Abs', 'Neg', 'Split', 'LRN', 'Constant',
]);

/**
 * Raise the ai.onnx opset import of a model to at least `target` (10: the lowest opset with
 * QLinearConv, which onnxruntime's QDQ fusion emits) when every op in the graph has the same schema
 * at both versions. Mutates and returns the model; a model already at or above `target` is returned unchanged.
 *
 * ## Example
 * ```ts
 * upgradeOpset(model, 10); // opset 9 UltraFace -> opset 10, graph untouched
 * ```
 * @throws {UnsupportedModelError} listing the ops whose schema changed before `target` (the model cannot be fused safely).
 */
export function upgradeOpset(model: OnnxModel, target = 10): OnnxModel {
  const entry = model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx');
  if (!entry || Number(entry.version) >= target) return model;
  assertOpsetUpgradable(model, target);
  entry.version = target;
  return model;
}

/**
 * Check, without changing anything, that {@link upgradeOpset} can raise the model to `target`.
 *
 * ## Example
 * ```ts
 * assertOpsetUpgradable(readOnnxModel('PFLD_GhostNet_Slim.onnx')); // throws: Slice changed at opset 10
 * ```
 * @throws {UnsupportedModelError} listing the ops whose schema changed before `target`.
 */
export function assertOpsetUpgradable(model: OnnxModel, target = 10): void {
  const entry = model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx');
  const current = entry ? Number(entry.version) : 0;
  if (!entry || current >= target) return;
  if (current < 7) throw new UnsupportedModelError(`ai.onnx opset ${current} is older than 7; cannot upgrade to ${target}`, []);
  const blocking = [...new Set(graphOf(model).node.filter((n) => (!n.domain || n.domain === 'ai.onnx') && !STABLE_7_TO_10.has(n.opType)).map((n) => n.opType))];
  if (blocking.length > 0) {
    throw new UnsupportedModelError(
      `Cannot raise ai.onnx opset ${current} -> ${target} (needed for onnxruntime's QLinearConv fusion): op(s) ${blocking.join(', ')} changed schema in between`,
      blocking,
    );
  }
}
