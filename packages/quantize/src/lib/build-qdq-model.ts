import { activationParams, type ActivationType, type QuantParams } from './activation-params.js';
import type { TensorRange } from './calibrators.js';
import { UnsupportedModelError } from './errors.js';
import { graphOf, cloneOnnxModel, onnx, type OnnxModel, type OnnxNode } from './onnx-model.js';
import type { QuantizationPlan } from './plan-quantization.js';
import { quantizePerChannel } from './quantize-per-channel.js';
import { upgradeOpset } from './upgrade-opset.js';
import { DataType, floatTensorData, makeTensor, tensorDims } from './tensor-proto.js';

/** Options of {@link buildQdqModel}. */
export interface BuildQdqOptions {
  /** Activation type (default `uint8`: U8S8, the x86 fast path). */
  readonly activationType?: ActivationType;
  /**
   * Weight precision: 8 (range ±127) or 7 bits (±63, "reduce range"). Default: 7 with uint8
   * activations (onnxruntime's AVX2 U8S8 kernel uses `vpmaddubsw`, whose int16 pair sums saturate
   * with 8-bit weights: measured 11.6 dB instead of 34.7 dB SQNR on Prisma-Net's first conv on a
   * non-VNNI CPU), 8 with int8 activations.
   */
  readonly weightBits?: 7 | 8;
  /**
   * Weight bits of depthwise convolutions (default 8: onnxruntime's depthwise kernel does not pair
   * products in int16, so it cannot saturate; measured +1.7 dB SQNR on UltraFace's box output vs 7 bits).
   */
  readonly depthwiseWeightBits?: 7 | 8;
  /**
   * Raise the ai.onnx opset to at least this version in static mode (default 10). onnxruntime fuses
   * `DQ -> Conv -> Q` into ai.onnx `QLinearConv`, which only exists from opset 10: an opset-9 QDQ model
   * fails to load once optimized. Set `false` to keep the opset (the model then only loads with graph
   * optimizations below 'extended').
   */
  readonly targetOpset?: number | false;
}

/** Domain of the QuantizeLinear/DequantizeLinear contrib ops that accept `axis` at any ai.onnx opset. */
export const MS_DOMAIN = 'com.microsoft';

/** Suffixes of the tensors the quantizer adds. */
export const QDQ_SUFFIX = { quantized: '_quantized', dequantized: '_dequantized', scale: '_scale', zeroPoint: '_zero_point' } as const;

function qdqNode(op: 'QuantizeLinear' | 'DequantizeLinear', inputs: string[], output: string, axis?: number): OnnxNode {
  return onnx.NodeProto.create({
    opType: op,
    domain: MS_DOMAIN,
    // no node name: onnxruntime names nodes itself, and names of ~300 Q/DQ nodes cost ~1 % of an int8 UltraFace
    input: inputs,
    output: [output],
    attribute: axis === undefined ? [] : [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: axis }],
  });
}

/**
 * Rewrite a float model into QDQ form following a {@link planQuantization} plan:
 * weights int8 symmetric per channel (`com.microsoft.DequantizeLinear` with `axis`), biases int32 with
 * scale `input_scale * weight_scale[c]`, activations per-tensor uint8/int8 through a
 * `QuantizeLinear -> DequantizeLinear` pair inserted after the producer, and folded ReLUs removed.
 * Ops the plan leaves fp32 read the dequantized tensors. The `com.microsoft` opset import is added; the
 * ai.onnx opset is not changed.
 *
 * ## Example
 * ```ts
 * const plan = planQuantization(model, 'static');
 * const int8 = buildQdqModel(model, plan, ranges, { activationType: 'uint8' });
 * fs.writeFileSync('int8.onnx', encodeOnnxModel(int8));
 * ```
 * @throws {UnsupportedModelError} when the opset cannot be raised safely, an activation of the plan has no calibrated range, or a weight is not float32.
 */
export function buildQdqModel(model: OnnxModel, plan: QuantizationPlan, ranges: ReadonlyMap<string, TensorRange>, options: BuildQdqOptions = {}): OnnxModel {
  const type = options.activationType ?? 'uint8';
  const qType = type === 'uint8' ? DataType.UINT8 : DataType.INT8;
  const weightQmax = (options.weightBits ?? (type === 'uint8' ? 7 : 8)) === 7 ? 63 : 127;
  const copy = cloneOnnxModel(model);
  const graph = graphOf(copy);
  const inits = new Map(graph.initializer.map((t) => [t.name, t]));
  const removeInits = new Set<string>();
  const newInits: ReturnType<typeof makeTensor>[] = [];
  const preNodes = new Map<number, OnnxNode[]>();
  const push = (i: number, n: OnnxNode) => (preNodes.get(i) ?? preNodes.set(i, []).get(i)!).push(n);

  // activation parameters
  const missing = plan.activations.filter((a) => !ranges.has(a));
  if (missing.length > 0) throw new UnsupportedModelError(`No calibrated range for ${missing.length} activation(s): ${missing.slice(0, 5).join(', ')}`, missing);
  const params = new Map<string, QuantParams>();
  for (const a of plan.activations) {
    const r = ranges.get(a)!;
    const p = activationParams(r.min, r.max, type);
    params.set(a, { scale: Math.fround(p.scale), zeroPoint: p.zeroPoint });
  }
  const fusedInput = new Map(plan.fusedRelus.map((f) => [f.input, f.output]));
  const renamed = (name: string) => fusedInput.get(name) ?? name;

  // weights and biases
  for (const w of plan.weights) {
    const node = graph.node[w.node];
    const t = inits.get(w.weight)!;
    const dims = tensorDims(t);
    const depthwise = w.opType === 'Conv' && dims.length === 4 && dims[1] === 1 && Number(node.attribute.find((a) => a.name === 'group')?.i ?? 1) === dims[0] && dims[0] > 1;
    const qmax = depthwise ? ((options.depthwiseWeightBits ?? 8) === 7 ? 63 : 127) : weightQmax;
    const { values, scales } = quantizePerChannel(floatTensorData(t), dims, w.axis, qmax);
    const zp = new Int8Array(scales.length);
    newInits.push(
      makeTensor(w.weight + QDQ_SUFFIX.quantized, DataType.INT8, dims, values),
      makeTensor(w.weight + QDQ_SUFFIX.scale, DataType.FLOAT, [scales.length], scales),
      makeTensor(w.weight + QDQ_SUFFIX.zeroPoint, DataType.INT8, [scales.length], zp),
    );
    push(w.node, qdqNode('DequantizeLinear', [w.weight + QDQ_SUFFIX.quantized, w.weight + QDQ_SUFFIX.scale, w.weight + QDQ_SUFFIX.zeroPoint], w.weight + QDQ_SUFFIX.dequantized, w.axis));
    node.input[1] = w.weight + QDQ_SUFFIX.dequantized;
    removeInits.add(w.weight);
    const inputParams = params.get(renamed(w.input));
    if (w.bias && inputParams) {
      const b = floatTensorData(inits.get(w.bias)!);
      const bScale = new Float32Array(b.length);
      const bq = new Int32Array(b.length);
      for (let c = 0; c < b.length; c++) {
        bScale[c] = inputParams.scale * scales[c];
        const q = Math.round(b[c] / bScale[c]);
        bq[c] = q > 2147483647 ? 2147483647 : q < -2147483648 ? -2147483648 : q;
      }
      newInits.push(
        makeTensor(w.bias + QDQ_SUFFIX.quantized, DataType.INT32, [b.length], bq),
        makeTensor(w.bias + QDQ_SUFFIX.scale, DataType.FLOAT, [b.length], bScale),
        makeTensor(w.bias + QDQ_SUFFIX.zeroPoint, DataType.INT32, [b.length], new Int32Array(b.length)),
      );
      push(w.node, qdqNode('DequantizeLinear', [w.bias + QDQ_SUFFIX.quantized, w.bias + QDQ_SUFFIX.scale, w.bias + QDQ_SUFFIX.zeroPoint], w.bias + QDQ_SUFFIX.dequantized, 0));
      node.input[2] = w.bias + QDQ_SUFFIX.dequantized;
      removeInits.add(w.bias);
    }
  }

  // activation Q/DQ pairs: emitted right after the producer (or first, for graph inputs)
  const qdqFor = (a: string): OnnxNode[] => {
    const p = params.get(a)!;
    newInits.push(
      makeTensor(a + QDQ_SUFFIX.scale, DataType.FLOAT, [], new Float32Array([p.scale])),
      makeTensor(a + QDQ_SUFFIX.zeroPoint, qType, [], type === 'uint8' ? new Uint8Array([p.zeroPoint]) : new Int8Array([p.zeroPoint])),
    );
    return [
      qdqNode('QuantizeLinear', [a, a + QDQ_SUFFIX.scale, a + QDQ_SUFFIX.zeroPoint], a + QDQ_SUFFIX.quantized),
      qdqNode('DequantizeLinear', [a + QDQ_SUFFIX.quantized, a + QDQ_SUFFIX.scale, a + QDQ_SUFFIX.zeroPoint], a + QDQ_SUFFIX.dequantized),
    ];
  };
  const quantized = new Set(plan.activations);
  const fusedNodes = new Set(plan.fusedRelus.map((f) => f.node));
  const out: OnnxNode[] = [];
  for (const input of graph.input) if (quantized.has(input.name) && !inits.has(input.name)) out.push(...qdqFor(input.name));
  graph.node.forEach((node, i) => {
    if (fusedNodes.has(i)) return;
    out.push(...(preNodes.get(i) ?? []));
    node.output = node.output.map(renamed);
    // rewire quantized activation inputs (weights/biases were rewired above)
    node.input = node.input.map((x) => (quantized.has(x) ? x + QDQ_SUFFIX.dequantized : x));
    out.push(node);
    for (const y of node.output) if (quantized.has(y)) out.push(...qdqFor(y));
  });
  graph.node = out;
  graph.initializer = [...graph.initializer.filter((t) => !removeInits.has(t.name)), ...newInits];
  graph.input = graph.input.filter((i) => !removeInits.has(i.name));
  const gone = new Set([...removeInits, ...plan.fusedRelus.map((f) => f.input)]);
  graph.valueInfo = graph.valueInfo.filter((v) => !gone.has(v.name));
  if (!copy.opsetImport.some((o) => o.domain === MS_DOMAIN)) copy.opsetImport.push(onnx.OperatorSetIdProto.create({ domain: MS_DOMAIN, version: 1 }));
  const target = options.targetOpset ?? 10;
  if (plan.mode === 'static' && target !== false) upgradeOpset(copy, target);
  return copy;
}
