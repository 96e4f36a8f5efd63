import { graphOf, onnx, type OnnxModel } from './onnx-model.js';
import { DataType } from './tensor-proto.js';

const WEIGHT_OPS = new Set(['Conv', 'ConvTranspose', 'Gemm', 'MatMul']);

/**
 * Give every `Conv`/`ConvTranspose`/`Gemm`/`MatMul` its own copy of a float weight or bias
 * initializer that several nodes share (FSA-Net's three `Gemm`s read one `fgsm.fm.weight`), so each
 * can be quantized per channel with its own input scale. A shared weight left fp32 next to a
 * dequantized input would make onnxruntime quantize it itself, with ops (`Round`) the opset-10 graph
 * does not have. Mutates the model.
 *
 * ## Example
 * ```ts
 * unshareWeights(readOnnxModel('fsanet-1x1-iter-688590.onnx')); // 4: two extra copies each of fgsm.fm.weight and fgsm.fm.bias
 * ```
 * @returns the number of copies added.
 */
export function unshareWeights(model: OnnxModel): number {
  const graph = graphOf(model);
  const inits = new Map(graph.initializer.map((t) => [t.name, t]));
  const seen = new Set<string>();
  let copies = 0;
  for (const n of graph.node) {
    if (!WEIGHT_OPS.has(n.opType) || (n.domain && n.domain !== 'ai.onnx')) continue;
    for (const k of [1, 2]) {
      const name = n.input[k];
      const t = name ? inits.get(name) : undefined;
      if (!t || t.dataType !== DataType.FLOAT) continue;
      if (!seen.has(name)) {
        seen.add(name);
        continue;
      }
      const copy = onnx.TensorProto.decode(onnx.TensorProto.encode(t).finish());
      copy.name = `${name}_copy${++copies}`;
      graph.initializer.push(copy);
      n.input[k] = copy.name;
    }
  }
  return copies;
}
