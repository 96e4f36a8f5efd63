import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelLoadError } from '../shared/errors.js';
import { identifyModel } from './identify-model.js';

const models = process.env.FACEPIPE_MODELS!;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-identify-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A copy of `src` under another name; with `docString`, a re-export: same graph, ModelProto.doc_string (field 6) appended, so another sha256. */
function copyAs(src: string, name: string, docString?: string): string {
  const bytes = fs.readFileSync(path.join(models, src));
  const extra = docString === undefined ? Buffer.alloc(0) : Buffer.concat([Buffer.from([0x32, docString.length]), Buffer.from(docString)]);
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.concat([bytes, extra]));
  return file;
}

describe('identifyModel', () => {
  it('a renamed registry file is identified by its sha256, whatever its name', async () => {
    const id = await identifyModel(copyAs('segmentation/prisma-net_256_nchw.onnx', 'my-portrait.onnx'));
    expect(id).toMatchObject({ by: 'sha256', sha256: 'aeef118740b74a908886f247457c9866b5c002769eda4bb901f049dc7821b1c0', candidates: [] });
    expect(id.spec?.id).toBe('prisma-unet-256');
    expect((await identifyModel(copyAs('landmarks/pfld_68pt_cunjian.onnx', 'PFLD_GhostOne_112_1_opt_sim.onnx'))).spec?.id).toBe('pfld-68');
  });

  it('a file with an unknown sha256 is identified by its I/O signature among the models of the task', async () => {
    const file = copyAs('segmentation/SINet_Softmax_320.onnx', 'sinet-retrained.onnx', 'retrained');
    const id = await identifyModel(file, { task: 'segmentation' });
    expect(id.by).toBe('signature');
    expect(id.spec?.id).toBe('sinet-320');
    expect(id.sha256).not.toBe('932c83e0013e07bbe597fe0007ba5ae6add3fbb6413ca5b81f18b2d410ac7259');
    expect(id.inputs.map((i) => i.name)).toEqual(['data']);
    // the landmark models' signatures do not fit it
    expect(await identifyModel(file, { task: 'landmarks' })).toMatchObject({ spec: undefined, by: undefined, candidates: [] });
  });

  it('models that share a signature but are decoded differently are ambiguous: candidates, no spec', async () => {
    const id = await identifyModel(copyAs('ultraface/version-RFB-320.onnx', 'det.onnx', 'x'), { task: 'face-detection' });
    expect(id.spec).toBeUndefined();
    expect(id.candidates.map((s) => s.id).sort()).toEqual(['ultraface-rfb-320', 'ultraface-rfb-320-raw', 'ultraface-rfb-320-sim', 'ultraface-slim-320', 'ultraface-slim-320-raw', 'ultraface-slim-320-sim']);
    // prepared and decoded alike: one identification for both
    expect((await identifyModel(copyAs('headpose/fsanet-var-iter-688590.onnx', 'pose.onnx', 'x'), { task: 'head-pose' })).spec?.id).toBe('fsanet-1x1');
  });

  it('a missing file is a ModelLoadError naming it', async () => {
    await expect(identifyModel(path.join(dir, 'nope.onnx'))).rejects.toThrow(ModelLoadError);
    await expect(identifyModel(path.join(dir, 'nope.onnx'))).rejects.toThrow(/nope\.onnx/);
  });
});
