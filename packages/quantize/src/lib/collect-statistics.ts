import type { Tensor } from '@facepipe/core';
import { graphOf, type OnnxModel } from './onnx-model.js';
import { exposeTensors } from './expose-tensors.js';
import { openInMemoryModel } from './temp-model-file.js';
import { TensorStatistics } from './tensor-statistics.js';

/** Options of {@link collectStatistics}. */
export interface CollectStatisticsOptions {
  /** Also fill the |x| histograms (needed by percentile/entropy). Default true. */
  readonly histogram?: boolean;
  readonly intraOpThreads?: number;
}

/**
 * Run the float model on every calibration sample with the chosen tensors exposed as outputs and
 * gather per-tensor min/max and |x| histograms in one pass. Samples are fed
 * to the model's first non-initializer input; the graph input itself is measured from the feeds.
 *
 * ## Example
 * ```ts
 * const stats = await collectStatistics(model, plan.activations, samples);
 * stats.get('input')!.max; // 1.0
 * ```
 */
export async function collectStatistics(
  model: OnnxModel,
  tensors: readonly string[],
  samples: readonly Tensor<'float32'>[],
  options: CollectStatisticsOptions = {},
): Promise<Map<string, TensorStatistics>> {
  const graph = graphOf(model);
  const initNames = new Set(graph.initializer.map((t) => t.name));
  const inputName = graph.input.find((i) => !initNames.has(i.name))!.name;
  const stats = new Map(tensors.map((t) => [t, new TensorStatistics(t)]));
  const probe = exposeTensors(model, tensors.filter((t) => t !== inputName));
  const runner = await openInMemoryModel(probe, { intraOpThreads: options.intraOpThreads, modelId: 'calibration-probe' });
  const fetch = tensors.filter((t) => t !== inputName);
  try {
    const histogram = options.histogram !== false;
    for (const sample of samples) {
      const outs = await runner.run({ [inputName]: sample }, { outputs: fetch, copyInputs: true });
      for (const [name, s] of stats) s.observe((name === inputName ? sample.data : outs[name].data) as Float32Array, histogram);
    }
  } finally {
    await runner.dispose();
  }
  return stats;
}
