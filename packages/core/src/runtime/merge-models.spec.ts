import fs from 'node:fs';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { ModelLoadError } from '../shared/errors.js';
import { mergeModels, mergedOutputName } from './merge-models.js';

const { onnx } = onnxProto;
const models = process.env.FACEPIPE_MODELS!;
const load = (rel: string) => onnx.ModelProto.decode(fs.readFileSync(path.join(models, rel)));

describe('mergeModels', () => {
  it('puts both FSA-Net heads in one graph: one shared input, prefixed outputs, every node kept', () => {
    const a = load('headpose/fsanet-1x1-iter-688590.onnx');
    const b = load('headpose/fsanet-var-iter-688590.onnx');
    const nodes = a.graph!.node!.length + b.graph!.node!.length;
    const m = mergeModels([a, b]);
    expect(m.graph!.input!.filter((i) => !m.graph!.initializer!.some((t) => t.name === i.name)).map((i) => i.name)).toEqual(['input']);
    expect(m.graph!.output!.map((o) => o.name)).toEqual([mergedOutputName(0, 'output'), mergedOutputName(1, 'output')]);
    expect(m.graph!.node!.length).toBe(nodes);
    const names = m.graph!.initializer!.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('refuses fewer than two models and inputs that disagree', () => {
    expect(() => mergeModels([load('headpose/fsanet-1x1-iter-688590.onnx')])).toThrow(ModelLoadError);
    // both name their input "input", but [1,3,64,64] vs [1,3,112,112]
    expect(() => mergeModels([load('headpose/fsanet-1x1-iter-688590.onnx'), load('landmarks/PFLD_GhostOne_112_1_opt_sim.onnx')])).toThrow(/input "input" of model 1 has another type or shape/);
  });
});
