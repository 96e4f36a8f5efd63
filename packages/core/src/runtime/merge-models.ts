import type onnxProto from 'onnx-proto';
import { ModelLoadError } from '../shared/errors.js';

type ModelProto = onnxProto.onnx.ModelProto;

/**
 * The name output `name` of the `index`-th model gets inside a model built by {@link mergeModels}.
 *
 * ## Example
 * ```ts
 * mergedOutputName(1, 'output'); // 'm1/output'
 * ```
 */
export function mergedOutputName(index: number, name: string): string {
  return `m${index}/${name}`;
}

const opsetKey = (m: ModelProto): string =>
  (m.opsetImport ?? [])
    .map((o) => `${o.domain ?? ''}:${String(o.version)}`)
    .sort()
    .join(',');

/**
 * Put several models that read the same inputs side by side in one graph, so one `session.run`
 * computes all of them (FSA-Net's `1x1` and `var` heads: one call per frame instead of two).
 * Graph inputs are shared by name (they must agree in type and shape); every other tensor and node
 * of model `i` is renamed with the prefix `m<i>/`, so its outputs come out as
 * {@link mergedOutputName}`(i, name)`. The first model's IR version and metadata are kept.
 *
 * ## Example
 * ```ts
 * const both = mergeModels([decode(fsanet1x1), decode(fsanetVar)]);
 * both.graph.output.map((o) => o.name); // ['m0/output', 'm1/output']
 * ```
 * @throws {ModelLoadError} when fewer than two models are given, their opset imports differ, or an
 * input shared by name has another type or shape, or a graph has subgraphs (If/Loop).
 */
export function mergeModels(models: readonly ModelProto[], label = 'merged model'): ModelProto {
  if (models.length < 2) throw new ModelLoadError(`Expected at least 2 models to merge, got ${models.length}`, label);
  const [first] = models as [ModelProto, ...ModelProto[]];
  const opsets = opsetKey(first);
  const graph = first.graph!;
  const sharedInputs = new Map<string, string>();
  const merged = { input: [] as onnxProto.onnx.IValueInfoProto[], output: [] as onnxProto.onnx.IValueInfoProto[], node: [] as onnxProto.onnx.INodeProto[], initializer: [] as onnxProto.onnx.ITensorProto[], valueInfo: [] as onnxProto.onnx.IValueInfoProto[] };
  models.forEach((m, i) => {
    if (opsetKey(m) !== opsets) throw new ModelLoadError(`Cannot merge models with different opset imports (${opsets} vs ${opsetKey(m)})`, label);
    const g = m.graph;
    if (!g) throw new ModelLoadError(`Model ${i} to merge has no graph`, label);
    const inits = new Set((g.initializer ?? []).map((t) => t.name ?? ''));
    const graphInputs = new Set<string>();
    for (const vi of g.input ?? []) {
      if (inits.has(vi.name ?? '')) continue;
      const name = vi.name ?? '';
      if (name === '') continue;
      graphInputs.add(name);
      const sig = JSON.stringify(vi.type ?? null);
      const seen = sharedInputs.get(name);
      if (seen === undefined) {
        sharedInputs.set(name, sig);
        merged.input.push(vi);
      } else if (seen !== sig) {
        throw new ModelLoadError(`Cannot merge models: input "${name}" of model ${i} has another type or shape than in model 0`, label);
      }
    }
    const rename = (n: string): string => (n === '' || graphInputs.has(n) ? n : `m${i}/${n}`);
    // IR < 4 lists initializers among the graph inputs too: keep them there, renamed
    for (const vi of g.input ?? []) if (inits.has(vi.name ?? '')) merged.input.push({ ...vi, name: rename(vi.name ?? '') });
    for (const t of g.initializer ?? []) merged.initializer.push({ ...t, name: rename(t.name ?? '') });
    for (const [k, node] of (g.node ?? []).entries()) {
      if ((node.attribute ?? []).some((a) => a.g || (a.graphs && a.graphs.length > 0))) {
        throw new ModelLoadError(`Cannot merge models with subgraphs (node ${node.name ?? node.opType} of model ${i})`, label);
      }
      // unnamed nodes (quantized graphs have many) get their index: node names must be unique in the merged graph
      merged.node.push({ ...node, name: `m${i}/${node.name || `#${k}`}`, input: (node.input ?? []).map(rename), output: (node.output ?? []).map(rename) });
    }
    for (const vi of g.output ?? []) merged.output.push({ ...vi, name: rename(vi.name ?? '') });
  });
  graph.input = merged.input;
  graph.output = merged.output;
  graph.node = merged.node;
  graph.initializer = merged.initializer;
  graph.valueInfo = merged.valueInfo;
  graph.name = label;
  return first;
}
