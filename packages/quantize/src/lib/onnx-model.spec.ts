import { describe, expect, it } from 'vitest';
import { createTensor, resolveModel } from '@facepipe/core';
import { NotOnnxError } from './errors.js';
import { exposeTensors } from './expose-tensors.js';
import { encodeOnnxModel, graphOf, readOnnxModel } from './onnx-model.js';
import { openInMemoryModel } from './temp-model-file.js';

describe('readOnnxModel / encodeOnnxModel / exposeTensors on the real models', () => {
  it.each(['ultraface-rfb-320-sim', 'pfld-ghostone-98', 'prisma-unet-256'])('%s: round trip runs identically, exposed tensors come out', async (id) => {
    const { path: file, spec } = await resolveModel(id);
    const model = readOnnxModel(file);
    const graph = graphOf(model);
    const again = readOnnxModel(encodeOnnxModel(model));
    expect(graphOf(again).node.length).toBe(graph.node.length);
    const inner = graph.node[3].output[0];
    const probe = exposeTensors(model, [inner, inner, graph.output[0].name]);
    expect(graphOf(probe).output.map((o) => o.name)).toEqual([...graph.output.map((o) => o.name), inner]);
    expect(graphOf(model).output.length).toBe(graph.output.length); // original untouched
    const { width, height, name } = spec!.input;
    const x = createTensor('float32', [1, 3, height, width], Float32Array.from({ length: 3 * width * height }, (_, i) => Math.sin(i) * 0.5));
    const a = await openInMemoryModel(encodeOnnxModel(model), { intraOpThreads: 1 });
    const b = await openInMemoryModel(probe, { intraOpThreads: 1 });
    try {
      const ra = await a.run({ [name]: x }, { copyInputs: true });
      const rb = await b.run({ [name]: x }, { copyInputs: true });
      for (const o of graph.output) expect(rb[o.name].data).toEqual(ra[o.name].data);
      expect(rb[inner].data.length).toBeGreaterThan(0);
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });

  it('throws NotOnnxError for bytes that are not a model', () => {
    expect(() => readOnnxModel(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))).toThrow(NotOnnxError);
    expect(() => readOnnxModel(new Uint8Array(0))).toThrow(/Not an ONNX model/);
  });
});
