import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelLoadError } from '../shared/errors.js';
import { dimFits, lastDim, registerHeadSignature } from './head-signature.js';
import { identifyModel } from './identify-model.js';
import { ModelRegistry } from './model-registry.js';
import type { ModelHead, ModelSpec } from './model-spec.js';
import { sha256File } from './sha256-file.js';

// Core knows no stage: these specs register a head kind of their own ('fixture-softmax', the output
// check a stage would register) over a real file of shared/models (SINet: input `data` 1x3x320x320,
// output `Softmax/1` with 2 channels). The stage packages' identification of their own families is
// tested end to end in test/model-identification.spec.ts.
const models = process.env.FACEPIPE_MODELS!;
const sinet = path.join(models, 'segmentation/SINet_Softmax_320.onnx');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-identify-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface FixtureHead extends ModelHead { readonly kind: 'fixture-softmax'; readonly output: string; readonly channels: number }
registerHeadSignature('fixture-softmax', (head, outputs) => {
  const h = head as FixtureHead;
  const o = outputs.find((x) => x.name === h.output);
  return !!o && o.dims.length === 4 && dimFits(o.dims[1], h.channels) && lastDim(o) !== undefined;
}, 'identify-model.spec');

const spec = (id: string, head: ModelHead, extra: Partial<ModelSpec> = {}): ModelSpec => ({
  id, task: 'fixture-seg', file: `${id}.onnx`, license: 'test', source: { repo: 'facepipe/fixture', commit: '0'.repeat(40), path: `${id}.onnx` },
  input: { name: 'data', width: 320, height: 320, layout: 'NCHW', channelOrder: 'BGR', mean: [0, 0, 0], std: [1, 1, 1], resize: 'squash' },
  head, description: id, ...extra,
});
const head = (channels: number): FixtureHead => ({ kind: 'fixture-softmax', output: 'Softmax/1', channels });

/** A copy of `src` under another name; with `docString`, a re-export: same graph, ModelProto.doc_string (field 6) appended, so another sha256. */
function copyAs(src: string, name: string, docString?: string): string {
  const extra = docString === undefined ? Buffer.alloc(0) : Buffer.concat([Buffer.from([0x32, docString.length]), Buffer.from(docString)]);
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.concat([fs.readFileSync(src), extra]));
  return file;
}

describe('identifyModel', () => {
  it('a renamed registry file is identified by its sha256, whatever its name and task', async () => {
    const registry = new ModelRegistry([spec('known-sinet', head(2), { sha256: await sha256File(sinet) })]);
    const id = await identifyModel(copyAs(sinet, 'my-portrait.onnx'), { registry, task: 'something-else' });
    expect(id).toMatchObject({ by: 'sha256', candidates: [], inputs: [] });
    expect(id.spec?.id).toBe('known-sinet');
  });

  it('an unknown sha256 is identified by its I/O signature among the models of the task: input here, outputs by the registered head check', async () => {
    const registry = new ModelRegistry([spec('two-class', head(2)), spec('three-class', head(3)), spec('other-task', head(2), { task: 'other' })]);
    const id = await identifyModel(copyAs(sinet, 'retrained.onnx', 'retrained'), { registry, task: 'fixture-seg' });
    expect(id.by).toBe('signature');
    expect(id.spec?.id).toBe('two-class');
    expect(id.candidates.map((s) => s.id)).toEqual(['two-class']);
    expect(id.inputs.map((i) => i.name)).toEqual(['data']);
    // a head kind nobody registered a check for never matches; neither does another input size
    const none = new ModelRegistry([spec('unchecked', { kind: 'fixture-unregistered' }), spec('small', head(2), { input: { ...spec('x', head(2)).input, width: 256, height: 256 } })]);
    expect(await identifyModel(copyAs(sinet, 'r2.onnx', 'r2'), { registry: none })).toMatchObject({ spec: undefined, by: undefined, candidates: [] });
  });

  it('models that share a signature but are prepared differently are ambiguous (candidates, no spec); alike ones identify together', async () => {
    const bgr = spec('bgr', head(2));
    const rgb = spec('rgb', head(2), { input: { ...bgr.input, channelOrder: 'RGB' } });
    const ambiguous = await identifyModel(copyAs(sinet, 'amb.onnx', 'a'), { registry: new ModelRegistry([bgr, rgb]) });
    expect(ambiguous.spec).toBeUndefined();
    expect(ambiguous.candidates.map((s) => s.id).sort()).toEqual(['bgr', 'rgb']);
    const alike = await identifyModel(copyAs(sinet, 'alike.onnx', 'b'), { registry: new ModelRegistry([bgr, { ...bgr, id: 'bgr-twin', file: 'twin.onnx' }]) });
    expect(alike.spec?.id).toBe('bgr');
  });

  it('a missing file is a ModelLoadError naming it', async () => {
    await expect(identifyModel(path.join(dir, 'nope.onnx'))).rejects.toThrow(ModelLoadError);
    await expect(identifyModel(path.join(dir, 'nope.onnx'))).rejects.toThrow(/nope\.onnx/);
  });

  it('a head kind owned by one package cannot be claimed by another; its owner may register again', () => {
    expect(() => registerHeadSignature('fixture-softmax', () => true, 'another-package')).toThrow(/already registered by identify-model.spec/);
    registerHeadSignature('fixture-mine', () => false, 'identify-model.spec');
    registerHeadSignature('fixture-mine', () => true, 'identify-model.spec');
  });
});
