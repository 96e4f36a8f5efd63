import type onnxProto from 'onnx-proto';

type ModelProto = onnxProto.onnx.ModelProto;
type TensorProto = onnxProto.onnx.ITensorProto;
type ValueInfo = onnxProto.onnx.IValueInfoProto;

/** Name the rewritten batch dimension gets. */
export const DYNAMIC_BATCH_DIM = 'batch';

const INT64 = 7;

function int64Values(t: TensorProto): number[] {
  if (t.int64Data && t.int64Data.length > 0) return t.int64Data.map(Number);
  const raw = t.rawData ?? new Uint8Array(0);
  if (raw.length % 8 !== 0) return [];
  const copy = Uint8Array.from(raw);
  return Array.from(new BigInt64Array(copy.buffer), Number);
}

function leadingDim(vi: ValueInfo): onnxProto.onnx.TensorShapeProto.IDimension | undefined {
  return vi.type?.tensorType?.shape?.dim?.[0] ?? undefined;
}

/**
 * Rewrite an exported model whose batch dimension was frozen to 1 (most PyTorch exports) so it
 * accepts any batch: the leading dim of every graph input and output becomes the symbolic
 * {@link DYNAMIC_BATCH_DIM}, `Reshape` targets that start with a literal `1` start with `0` (copy
 * the input's batch) instead, and the exporter's `value_info` shape hints are dropped (onnxruntime
 * infers them again). Edits `model` in place.
 *
 * Only the patterns found in the shipped exports are rewritten; a graph that hard-codes the batch
 * some other way (an `Expand` to `[1, ...]`, a constant-folded `Shape`) can load and still mix up
 * faces, so callers check a batched run against single runs before trusting it (see
 * `prepareModelFile`).
 *
 * ## Example
 * ```ts
 * const model = onnx.ModelProto.decode(fs.readFileSync('PFLD_GhostOne_112_1_opt_sim.onnx'));
 * makeBatchDynamic(model); // true: input [batch,3,112,112], output [batch,196]
 * ```
 * @returns `true` when something was rewritten, `false` when every input already had a symbolic or
 * non-1 batch (nothing changed).
 */
export function makeBatchDynamic(model: ModelProto): boolean {
  const g = model.graph;
  if (!g) return false;
  const initNames = new Set((g.initializer ?? []).map((t) => t.name));
  const inputs = (g.input ?? []).filter((i) => !initNames.has(i.name ?? ''));
  const fixed = inputs.filter((i) => {
    const d = leadingDim(i);
    return d !== undefined && !d.dimParam && Number(d.dimValue ?? 0) === 1;
  });
  if (fixed.length === 0) return false;
  for (const vi of [...fixed, ...(g.output ?? [])]) {
    const d = leadingDim(vi);
    if (!d || d.dimParam || Number(d.dimValue ?? 0) !== 1) continue;
    d.dimValue = null;
    d.dimParam = DYNAMIC_BATCH_DIM;
  }
  g.valueInfo = [];
  const inits = new Map((g.initializer ?? []).map((t) => [t.name ?? '', t]));
  for (const node of g.node ?? []) {
    if (node.opType !== 'Reshape' || !node.input || node.input.length < 2) continue;
    const target = inits.get(node.input[1]!);
    if (!target || target.dataType !== INT64) continue;
    const v = int64Values(target);
    if (v.length < 2 || v[0] !== 1) continue;
    const name = `${target.name}__batch`;
    if (!inits.has(name)) {
      v[0] = 0;
      const t: TensorProto = { name, dataType: INT64, dims: [v.length], rawData: new Uint8Array(BigInt64Array.from(v, BigInt).buffer) };
      g.initializer!.push(t);
      inits.set(name, t);
    }
    node.input[1] = name;
  }
  return true;
}
