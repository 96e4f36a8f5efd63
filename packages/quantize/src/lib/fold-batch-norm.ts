import { graphOf, type OnnxModel } from './onnx-model.js';
import { DataType, floatTensorData, makeTensor, tensorDims } from './tensor-proto.js';

/**
 * Fold every inference-mode `BatchNormalization` that directly follows a `Conv` into that Conv's
 * weights and bias: `W'[c] = W[c] * g[c] / sqrt(var[c] + eps)`, `b'[c] = (b[c] - mean[c]) * g[c] / sqrt(var[c] + eps) + beta[c]`.
 * The Conv then writes the BatchNormalization's output and the BatchNormalization node is removed,
 * so the quantizer sees `Conv -> Relu` (fusable into one `QLinearConv`) instead of `Conv -> BN -> Relu`.
 * A pair is folded only when the Conv output feeds the BatchNormalization alone, is not a graph
 * output, and all parameters are float32 initializers used by no other node. Mutates the model.
 *
 * ## Example
 * ```ts
 * const model = readOnnxModel('version-RFB-320.onnx');
 * foldBatchNorm(model); // 35: all of UltraFace RFB-320's BatchNormalizations
 * ```
 * @returns the number of BatchNormalization nodes removed.
 */
export function foldBatchNorm(model: OnnxModel): number {
  const graph = graphOf(model);
  const inits = new Map(graph.initializer.map((t) => [t.name, t]));
  const uses = new Map<string, number>();
  for (const n of graph.node) for (const x of n.input) if (x) uses.set(x, (uses.get(x) ?? 0) + 1);
  const graphOutputs = new Set(graph.output.map((o) => o.name));
  const producer = new Map<string, number>();
  graph.node.forEach((n, i) => n.output.forEach((y) => producer.set(y, i)));
  const isFloatInit = (name: string | undefined): boolean => !!name && inits.get(name)?.dataType === DataType.FLOAT && uses.get(name) === 1;
  const removed = new Set<number>();
  const replaced = new Map<string, ReturnType<typeof makeTensor>>();

  graph.node.forEach((bn, i) => {
    if (bn.opType !== 'BatchNormalization' || (bn.domain && bn.domain !== 'ai.onnx') || bn.output.filter(Boolean).length !== 1) return;
    if (bn.attribute.some((a) => (a.name === 'training_mode' && Number(a.i) !== 0) || (a.name === 'spatial' && Number(a.i) !== 1))) return;
    const [x, scale, beta, mean, variance] = bn.input;
    const p = producer.get(x);
    if (p === undefined) return;
    const conv = graph.node[p];
    if (conv.opType !== 'Conv' || (conv.domain && conv.domain !== 'ai.onnx') || uses.get(x) !== 1 || graphOutputs.has(x)) return;
    const [, w, b] = conv.input;
    if (![w, scale, beta, mean, variance].every(isFloatInit) || (b && !isFloatInit(b))) return;
    const wt = inits.get(w)!;
    const dims = tensorDims(wt);
    const channels = dims[0];
    const g = floatTensorData(inits.get(scale)!);
    const bt = floatTensorData(inits.get(beta)!);
    const mu = floatTensorData(inits.get(mean)!);
    const v = floatTensorData(inits.get(variance)!);
    if ([g, bt, mu, v].some((a) => a.length !== channels)) return;
    const eps = bn.attribute.find((a) => a.name === 'epsilon')?.f ?? 1e-5;
    const weights = floatTensorData(wt);
    const bias = b ? floatTensorData(inits.get(b)!) : new Float32Array(channels);
    const per = weights.length / channels;
    for (let c = 0; c < channels; c++) {
      const k = g[c] / Math.sqrt(v[c] + eps);
      for (let j = c * per, end = j + per; j < end; j++) weights[j] *= k;
      bias[c] = (bias[c] - mu[c]) * k + bt[c];
    }
    const biasName = b || `${w}_folded_bias`;
    replaced.set(w, makeTensor(w, DataType.FLOAT, dims, weights));
    replaced.set(biasName, makeTensor(biasName, DataType.FLOAT, [channels], bias));
    conv.input = [conv.input[0], w, biasName];
    conv.output = [bn.output[0]];
    removed.add(i);
    for (const name of [scale, beta, mean, variance]) inits.delete(name);
  });
  if (removed.size === 0) return 0;
  const dropped = new Set(graph.initializer.map((t) => t.name).filter((n) => !inits.has(n)));
  graph.initializer = [...graph.initializer.filter((t) => !dropped.has(t.name)).map((t) => replaced.get(t.name) ?? t), ...[...replaced.values()].filter((t) => !inits.has(t.name))];
  graph.input = graph.input.filter((vi) => !dropped.has(vi.name));
  graph.node = graph.node.filter((_, i) => !removed.has(i));
  return removed.size;
}
