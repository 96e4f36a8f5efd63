import fs from 'node:fs';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { DYNAMIC_BATCH_DIM, makeBatchDynamic } from './make-batch-dynamic.js';

const { onnx } = onnxProto;
const models = process.env.FACEPIPE_MODELS!;
const load = (rel: string) => onnx.ModelProto.decode(fs.readFileSync(path.join(models, rel)));
const dims = (vi: onnxProto.onnx.IValueInfoProto) => vi.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue));

describe('makeBatchDynamic', () => {
  it('PFLD-GhostOne: batch-1 input/output become symbolic and its Reshape-to-[1,-1] targets copy the batch', () => {
    const m = load('landmarks/PFLD_GhostOne_112_1_opt_sim.onnx');
    expect(makeBatchDynamic(m)).toBe(true);
    const g = m.graph!;
    expect(dims(g.input![0]!)).toEqual([DYNAMIC_BATCH_DIM, 3, 112, 112]);
    expect(dims(g.output![0]!)).toEqual([DYNAMIC_BATCH_DIM, 196]);
    const inits = new Map(g.initializer!.map((t) => [t.name, t]));
    const reshapes = g.node!.filter((n) => n.opType === 'Reshape');
    expect(reshapes).toHaveLength(5);
    for (const n of reshapes) {
      const t = inits.get(n.input![1]!)!;
      expect(Array.from(new BigInt64Array(Uint8Array.from(t.rawData!).buffer), Number)).toEqual([0, -1]);
    }
  });

  it('leaves a model that already has a symbolic batch alone (pfld-68)', () => {
    const m = load('landmarks/pfld_68pt_cunjian.onnx');
    const before = onnx.ModelProto.encode(m).finish();
    expect(makeBatchDynamic(m)).toBe(false);
    expect(Buffer.from(onnx.ModelProto.encode(m).finish()).equals(Buffer.from(before))).toBe(true);
  });
});
