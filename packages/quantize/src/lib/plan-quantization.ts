import { graphOf, type OnnxModel, type OnnxNode } from './onnx-model.js';
import { DataType, tensorDims } from './tensor-proto.js';

/** `static`: int8 weights + quantized activations (QDQ); `dynamic`: weight-only int8 (activations stay fp32). */
export type QuantizeMode = 'static' | 'dynamic';

/** A weight initializer to quantize per channel. */
export interface WeightPlan {
  /** Index of the consuming node in the original graph. */
  readonly node: number;
  readonly opType: string;
  readonly weight: string;
  /** Channel axis: 0 for Conv [M,C,kh,kw] and Gemm transB=1; 1 for ConvTranspose [C,M/g,kh,kw], Gemm transB=0, MatMul. */
  readonly axis: number;
  /** 1-D bias initializer quantized to int32 with the weight's per-channel scales (static mode only). */
  readonly bias?: string;
  /** The activation input whose scale the bias uses. */
  readonly input: string;
}

/** Options of {@link planQuantization}. */
export interface PlanOptions {
  /**
   * Nodes (by name or by first output tensor) whose computation stays fp32: their inputs and outputs
   * get no activation quantization (their weights are still stored int8, dequantized, as in dynamic
   * mode). Use for layers the per-layer report shows breaking, e.g. PFLD's multi-scale `Concat -> Gemm` head.
   */
  readonly fp32Nodes?: readonly string[];
  /** Op types kept fp32 wherever they occur (as {@link PlanOptions.fp32Nodes}, by type). */
  readonly fp32OpTypes?: readonly string[];
  /**
   * Nodes kept fp32 as {@link PlanOptions.fp32Nodes} whose weights stay float32 as well (no int8
   * storage, so no weight rounding): for layers where the rounding of the weights alone does the
   * damage, such as a depthwise conv whose 3x3 filters sum to a large DC gain (UltraFace's
   * `base_net.1.0`). Costs the int8 storage of those weights only.
   */
  readonly fp32WeightNodes?: readonly string[];
}

/** What {@link planQuantization} decided for a graph. */
export interface QuantizationPlan {
  readonly mode: QuantizeMode;
  readonly weights: readonly WeightPlan[];
  /** Float activations that get a QuantizeLinear -> DequantizeLinear pair (names after ReLU fusion). */
  readonly activations: readonly string[];
  /** ReLUs removed because the following uint8/int8 quantization clamps at 0 (producer output renamed to `output`). */
  readonly fusedRelus: readonly { readonly node: number; readonly input: string; readonly output: string }[];
  /** Op type -> count of nodes computed in int8 (weights and/or activations quantized around them). */
  readonly quantizedOps: Readonly<Record<string, number>>;
  /** Op type -> count of nodes left in fp32 (fed by dequantized tensors). */
  readonly fp32Ops: Readonly<Record<string, number>>;
}

const WEIGHT_OPS = new Set(['Conv', 'ConvTranspose', 'Gemm', 'MatMul']);
/** Ops whose float inputs and outputs are quantized (ORT has QDQ fusions for most of these on CPU). */
const ACTIVATION_OPS = new Set(['Conv', 'ConvTranspose', 'Gemm', 'MatMul', 'Add', 'Mul', 'Concat', 'AveragePool', 'GlobalAveragePool', 'MaxPool', 'Sigmoid', 'LeakyRelu']);

function attrInt(node: OnnxNode, name: string, fallback: number): number {
  const a = node.attribute.find((x) => x.name === name);
  return a ? Number(a.i) : fallback;
}
function attrFloat(node: OnnxNode, name: string, fallback: number): number {
  const a = node.attribute.find((x) => x.name === name);
  return a?.f ?? fallback;
}

const INT_SOURCES = new Set(['Shape', 'Size', 'NonZero', 'ArgMax', 'ArgMin']);

/**
 * Names of the graph's non-float tensors (shape arithmetic: `Shape -> Gather -> Unsqueeze -> Concat
 * -> Reshape`), found by propagating from int initializers/constants/Shape through the graph: an op
 * on them (a shape `Concat`, say) must not get float Q/DQ around it.
 */
function nonFloatTensors(graph: ReturnType<typeof graphOf>): Set<string> {
  const ints = new Set(graph.initializer.filter((t) => t.dataType !== DataType.FLOAT).map((t) => t.name));
  for (const vi of graph.input) {
    const elem = vi.type?.tensorType?.elemType;
    if (elem !== undefined && elem !== null && elem !== DataType.FLOAT) ints.add(vi.name);
  }
  for (const n of graph.node) {
    let isInt: boolean;
    if (INT_SOURCES.has(n.opType)) isInt = true;
    else if (n.opType === 'Constant') isInt = n.attribute.some((a) => a.name === 'value' && a.t && a.t.dataType !== DataType.FLOAT);
    else if (n.opType === 'Cast') isInt = Number(n.attribute.find((a) => a.name === 'to')?.i ?? DataType.FLOAT) !== DataType.FLOAT;
    else if (n.opType === 'ConstantOfShape') isInt = n.attribute.some((a) => a.name === 'value' && a.t && a.t.dataType !== DataType.FLOAT);
    else if (n.opType === 'Concat' || n.opType === 'Add' || n.opType === 'Sub' || n.opType === 'Mul' || n.opType === 'Div') isInt = n.input.some((x) => ints.has(x));
    else isInt = ints.has(n.input[0]);
    if (isInt) for (const y of n.output) ints.add(y);
  }
  return ints;
}

/**
 * Decide which weights, biases and activations of a graph are quantized, which ReLUs are folded
 * into the following quantization, and which ops stay fp32. Pure analysis: the model is not changed.
 *
 * ## Example
 * ```ts
 * const plan = planQuantization(readOnnxModel(path), 'static');
 * plan.weights.length;   // 52 for UltraFace RFB-320 simplified
 * plan.fp32Ops;          // { Transpose: 8, Reshape: 8, Softmax: 1 }
 * ```
 */
export function planQuantization(model: OnnxModel, mode: QuantizeMode = 'static', options: PlanOptions = {}): QuantizationPlan {
  const keepWeights = new Set(options.fp32WeightNodes ?? []);
  const keep = new Set([...(options.fp32Nodes ?? []), ...keepWeights]);
  const keepOps = new Set(options.fp32OpTypes ?? []);
  const graph = graphOf(model);
  const inits = new Map(graph.initializer.map((t) => [t.name, t]));
  const graphOutputs = new Set(graph.output.map((o) => o.name));
  const consumers = new Map<string, number[]>();
  const producer = new Map<string, number>();
  graph.node.forEach((n, i) => {
    for (const x of n.input) if (x) (consumers.get(x) ?? consumers.set(x, []).get(x)!).push(i);
    for (const y of n.output) producer.set(y, i);
  });
  const useCount = (name: string) => consumers.get(name)?.length ?? 0;
  const ints = nonFloatTensors(graph);
  const isFloatInit = (name: string) => inits.get(name)?.dataType === DataType.FLOAT;

  const weights: WeightPlan[] = [];
  const quantizedNodes = new Set<number>();
  graph.node.forEach((n, i) => {
    if (n.domain && n.domain !== 'ai.onnx') return;
    const kept = keep.has(n.name) || keep.has(n.output[0]) || keepOps.has(n.opType) || n.input.some((x) => ints.has(x)) || n.output.some((y) => ints.has(y));
    if (WEIGHT_OPS.has(n.opType)) {
      const w = n.input[1];
      if (!w || !isFloatInit(w) || useCount(w) !== 1 || keepWeights.has(n.name) || keepWeights.has(n.output[0])) return;
      const dims = tensorDims(inits.get(w)!);
      let axis: number;
      let biasOk = false;
      if (n.opType === 'Conv') {
        axis = 0;
        biasOk = true;
      } else if (n.opType === 'ConvTranspose') {
        axis = 1;
        biasOk = attrInt(n, 'group', 1) === 1;
      } else if (n.opType === 'Gemm') {
        if (dims.length !== 2) return;
        axis = attrInt(n, 'transB', 0) === 1 ? 0 : 1;
        biasOk = attrFloat(n, 'alpha', 1) === 1 && attrFloat(n, 'beta', 1) === 1;
      } else {
        if (dims.length !== 2) return;
        axis = 1;
      }
      const b = n.input[2];
      const channels = dims[axis];
      const bias =
        mode === 'static' && !kept && biasOk && b && isFloatInit(b) && useCount(b) === 1 && tensorDims(inits.get(b)!).length === 1 && tensorDims(inits.get(b)!)[0] === channels
          ? b
          : undefined;
      weights.push({ node: i, opType: n.opType, weight: w, axis, input: n.input[0], ...(bias ? { bias } : {}) });
      if (!kept) quantizedNodes.add(i);
    } else if (mode === 'static' && !kept && ACTIVATION_OPS.has(n.opType) && !graphOutputs.has(n.output[0])) {
      // an activation-only op whose result is a model output stays fp32: its int8 version would
      // quantize the output itself (UltraFace's box Concat, Prisma's final Sigmoid)
      quantizedNodes.add(i);
    }
  });

  const activations = new Set<string>();
  const fusedRelus: { node: number; input: string; output: string }[] = [];
  if (mode === 'static') {
    const isActivation = (name: string) => !!name && !inits.has(name);
    // Fold Relu: producer(Q-op) -> X -> Relu -> R  ==>  producer -> R -> Q/DQ (Q clamps at the zero point = 0.0)
    const reluOf = new Map<string, { node: number; output: string }>();
    graph.node.forEach((n, i) => {
      if (n.opType !== 'Relu' || (n.domain && n.domain !== 'ai.onnx')) return;
      const x = n.input[0];
      const r = n.output[0];
      const p = producer.get(x);
      if (p === undefined || !quantizedNodes.has(p) || useCount(x) !== 1 || graphOutputs.has(x) || graphOutputs.has(r)) return;
      reluOf.set(x, { node: i, output: r });
    });
    const feedsQuantized = (name: string) => (consumers.get(name) ?? []).some((c) => quantizedNodes.has(c));
    for (const i of quantizedNodes) {
      const n = graph.node[i];
      const actInputs = n.opType === 'Add' || n.opType === 'Mul' || n.opType === 'Concat' ? n.input : [n.input[0]];
      for (const x of actInputs) if (isActivation(x)) activations.add(x);
      const y = n.output[0];
      if (!y || graphOutputs.has(y)) continue;
      const relu = reluOf.get(y);
      // quantize an output only where an int8 op reads it (so heads feeding fp32 post-processing keep fp32 precision)
      if (relu && feedsQuantized(relu.output)) {
        fusedRelus.push({ node: relu.node, input: y, output: relu.output });
        activations.add(relu.output);
      } else if (!relu && feedsQuantized(y)) {
        activations.add(y);
      }
    }
    for (const f of fusedRelus) activations.delete(f.input);
  }

  const fused = new Set(fusedRelus.map((f) => f.node));
  const quantizedOps: Record<string, number> = {};
  const fp32Ops: Record<string, number> = {};
  graph.node.forEach((n, i) => {
    if (fused.has(i)) {
      quantizedOps.Relu = (quantizedOps.Relu ?? 0) + 1;
      return;
    }
    const bucket = quantizedNodes.has(i) || (mode === 'dynamic' && weights.some((w) => w.node === i)) ? quantizedOps : fp32Ops;
    bucket[n.opType] = (bucket[n.opType] ?? 0) + 1;
  });
  return { mode, weights, activations: [...activations], fusedRelus, quantizedOps, fp32Ops };
}
