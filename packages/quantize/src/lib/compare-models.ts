import type { Tensor } from '@facepipe/core';
import { QDQ_SUFFIX } from './build-qdq-model.js';
import { ErrorAccumulator, type ErrorStats } from './error-accumulator.js';
import { exposeTensors } from './expose-tensors.js';
import { graphOf, type OnnxModel } from './onnx-model.js';
import { openInMemoryModel } from './temp-model-file.js';

/** Error of one intermediate tensor, in graph order. */
export interface LayerError extends ErrorStats {
  /** Tensor name in the fp32 model. */
  readonly tensor: string;
  /** Op type and name of the fp32 node producing it. */
  readonly opType: string;
  readonly node: string;
}

/** Result of {@link compareModels}. */
export interface ModelComparison {
  /** Per graph output. */
  readonly outputs: Readonly<Record<string, ErrorStats>>;
  /** Per chosen intermediate tensor, in graph order. */
  readonly layers: readonly LayerError[];
  readonly samples: number;
}

/**
 * Run an fp32 model and its quantized version on the same inputs, with chosen intermediate tensors
 * exposed as extra outputs in both, and measure the error of every output and intermediate tensor.
 * In the quantized model a tensor is read after its QuantizeLinear/DequantizeLinear pair
 * (`<name>_dequantized`) when it has one, i.e. as the next layer sees it.
 *
 * ## Example
 * ```ts
 * const cmp = await compareModels(fp32, int8, samples, { layers: plan.activations });
 * cmp.outputs.scores.cosine; // 0.9996
 * cmp.layers.find((l) => l.cosine < 0.99); // the layer that breaks
 * ```
 */
export async function compareModels(
  fp32: OnnxModel,
  int8: OnnxModel,
  samples: readonly Tensor<'float32'>[],
  options: { layers?: readonly string[]; intraOpThreads?: number; graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all' } = {},
): Promise<ModelComparison> {
  const graph = graphOf(fp32);
  const initNames = new Set(graph.initializer.map((t) => t.name));
  const inputName = graph.input.find((i) => !initNames.has(i.name))!.name;
  const outputNames = graph.output.map((o) => o.name);
  const producer = new Map<string, { opType: string; node: string }>();
  for (const n of graph.node) for (const y of n.output) producer.set(y, { opType: n.opType, node: n.name || y });
  const order = new Map<string, number>();
  graph.node.forEach((n, i) => n.output.forEach((y) => order.set(y, i)));
  const layers = [...new Set(options.layers ?? [])]
    .filter((t) => producer.has(t) && !outputNames.includes(t))
    .sort((a, b) => order.get(a)! - order.get(b)!);
  const int8Names = new Set<string>();
  for (const n of graphOf(int8).node) for (const y of n.output) int8Names.add(y);
  const int8Layer = (t: string) => (int8Names.has(t + QDQ_SUFFIX.dequantized) ? t + QDQ_SUFFIX.dequantized : t);
  const missing = layers.filter((t) => !int8Names.has(int8Layer(t)));
  const compared = layers.filter((t) => !missing.includes(t));

  const refRunner = await openInMemoryModel(exposeTensors(fp32, compared), { intraOpThreads: options.intraOpThreads, modelId: 'fp32-probe' });
  let testRunner;
  try {
    testRunner = await openInMemoryModel(exposeTensors(int8, compared.map(int8Layer)), { intraOpThreads: options.intraOpThreads, graphOptimizationLevel: options.graphOptimizationLevel, modelId: 'int8-probe' });
  } catch (err) {
    await refRunner.dispose();
    throw err;
  }
  const outAcc = new Map(outputNames.map((o) => [o, new ErrorAccumulator()]));
  const layerAcc = new Map(compared.map((t) => [t, new ErrorAccumulator()]));
  try {
    for (const sample of samples) {
      const ref = await refRunner.run({ [inputName]: sample }, { copyInputs: true, outputs: [...outputNames, ...compared] });
      const test = await testRunner.run({ [inputName]: sample }, { copyInputs: true, outputs: [...outputNames, ...compared.map(int8Layer)] });
      for (const o of outputNames) outAcc.get(o)!.add(ref[o].data as Float32Array, test[o].data as Float32Array);
      for (const t of compared) layerAcc.get(t)!.add(ref[t].data as Float32Array, test[int8Layer(t)].data as Float32Array);
    }
  } finally {
    await refRunner.dispose();
    await testRunner.dispose();
  }
  return {
    outputs: Object.fromEntries(outputNames.map((o) => [o, outAcc.get(o)!.result()])),
    layers: compared.map((t) => ({ tensor: t, ...producer.get(t)!, ...layerAcc.get(t)!.result() })),
    samples: samples.length,
  };
}
