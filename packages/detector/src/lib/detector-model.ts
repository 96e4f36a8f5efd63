import { ModelLoadError, modelRegistry, ShapeMismatchError, type ModelRunner, type TensorInfo } from '@facepipe/core';
import { YUNET_OUTPUTS, YUNET_STRIDES } from '../models/yunet/decode.js';
import { isUltrafaceHead } from '../models/ultraface/ultraface-models.js';
import { isYunetHead } from '../models/yunet/yunet-models.js';

/** `"name" [dims]` list for error messages. @internal */
export const describeOutputs = (outs: readonly TensorInfo[]): string => outs.map((o) => `"${o.name}" [${o.dims.join(',')}]`).join(', ') || 'none';

/** Family of a model from its outputs, when it is not a registry model. */
export function inferFamily(outputs: readonly TensorInfo[]): 'ultraface' | 'yunet' | undefined {
  const names = new Set(outputs.map((o) => o.name));
  if (YUNET_OUTPUTS.every((n) => names.has(n))) return 'yunet';
  const scores = outputs.find((o) => o.name === 'scores');
  const boxes = outputs.find((o) => o.name === 'boxes');
  if (scores && boxes && scores.dims.length === 3 && boxes.dims.length === 3 && scores.dims[2] === 2 && boxes.dims[2] === 4) return 'ultraface';
  return undefined;
}

/** Check the last dimension of each YuNet head output. @internal */
export function validateYunetOutputs(id: string, outputs: readonly TensorInfo[]): void {
  for (const s of YUNET_STRIDES) {
    for (const [name, k] of [[`cls_${s}`, 1], [`obj_${s}`, 1], [`bbox_${s}`, 4], [`kps_${s}`, 10]] as const) {
      const info = outputs.find((o) => o.name === name)!;
      const last = info.dims[info.dims.length - 1];
      if (typeof last === 'number' && last !== k) throw new ShapeMismatchError(`output "${name}" of model ${id}`, `[1, N, ${k}]`, `[${info.dims.join(', ')}]`);
    }
  }
}

/** `openModel` expectation for a registry id (unknown paths are checked after loading). */
export function expectationFor(idOrPath: string): { expect?: { inputs?: Record<string, null>; outputs: Record<string, null> } } {
  const spec = modelRegistry.get(idOrPath);
  if (!spec) return {};
  if (isUltrafaceHead(spec.head)) return { expect: { inputs: { [spec.input.name]: null }, outputs: { [spec.head.scores]: null, [spec.head.boxes]: null } } };
  if (isYunetHead(spec.head)) return { expect: { inputs: { [spec.input.name]: null }, outputs: Object.fromEntries(YUNET_OUTPUTS.map((n) => [n, null])) } };
  throw new ModelLoadError(
    `Model ${spec.id} is a ${spec.task} model (head "${spec.head.kind}"), not a supported face detector; use an UltraFace or YuNet model (e.g. ultraface-rfb-320, yunet-640)`,
    spec.id,
  );
}

/**
 * Decide whether an unregistered UltraFace-like model decodes boxes in-graph: on a mid-grey input,
 * decoded boxes are corners with `x2 > x1` and `y2 > y1` for every prior, raw regressions are not.
 */
export async function probeDecoded(runner: ModelRunner, inputName: string, width: number, height: number, boxesName: string): Promise<boolean> {
  const data = new Float32Array(3 * width * height).fill(0.05);
  const out = await runner.run({ [inputName]: { type: 'float32', dims: [1, 3, height, width], data } }, { outputs: [boxesName] });
  const b = out[boxesName]!.data as Float32Array;
  for (let i = 0; i < b.length; i += 4) if (!(b[i + 2]! > b[i]! && b[i + 3]! > b[i + 1]!)) return false;
  return true;
}
