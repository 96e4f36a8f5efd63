import { graphOf, cloneOnnxModel, onnx, type OnnxModel } from './onnx-model.js';
import { DataType } from './tensor-proto.js';

/**
 * Copy of a model with chosen intermediate tensors added as extra graph outputs (float32, shape
 * unspecified unless the model's value_info has it), for calibration and per-layer comparison.
 * Names already among the outputs, graph inputs and initializers are skipped; the rest of the model
 * is unchanged.
 *
 * ## Example
 * ```ts
 * const probe = exposeTensors(model, ['245', '248']);
 * probe.graph.output.map((o) => o.name); // ['scores', 'boxes', '245', '248']
 * ```
 */
export function exposeTensors(model: OnnxModel, names: readonly string[]): OnnxModel {
  const copy = cloneOnnxModel(model);
  const graph = graphOf(copy);
  const skip = new Set([...graph.output.map((o) => o.name), ...graph.input.map((i) => i.name), ...graph.initializer.map((t) => t.name)]);
  const infos = new Map(graph.valueInfo.map((v) => [v.name, v]));
  for (const name of names) {
    if (skip.has(name)) continue;
    skip.add(name);
    const known = infos.get(name);
    graph.output.push(
      known && known.type?.tensorType
        ? onnx.ValueInfoProto.create({ name, type: known.type })
        : onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: DataType.FLOAT } } }),
    );
  }
  return copy;
}
