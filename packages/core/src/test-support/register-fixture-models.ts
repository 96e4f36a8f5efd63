/**
 * Test setup (vitest `setupFiles`): core ships no models, so its specs register a few real files of
 * `shared/models` under the ids the stage packages give them. The sha256 and size are computed from
 * the files here, not copied: these specs test the registry/resolve/verify mechanism, while each
 * stage's own specs (and test/model-registry.spec.ts) check the published facts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { rawGithubUrl } from '../models/raw-github-url.js';
import { registerModel } from '../models/register-model.js';
import type { ModelSpec } from '../models/model-spec.js';
import { sha256File } from '../models/sha256-file.js';

const models = process.env.FACEPIPE_MODELS!;

async function fixture(id: string, folder: string, file: string, width: number, height: number, hashed = true): Promise<ModelSpec> {
  const source = { repo: 'facepipe/test-fixture', commit: '0'.repeat(40), path: `${folder}/${file}` };
  const abs = path.join(models, folder, file);
  return {
    id, task: 'fixture', file, folder, license: 'test fixture', source, url: rawGithubUrl(source),
    ...(hashed ? { sha256: await sha256File(abs), bytes: fs.statSync(abs).size } : {}),
    input: { name: 'input', width, height, layout: 'NCHW', channelOrder: 'RGB', mean: [0, 0, 0], std: [1, 1, 1], resize: 'squash' },
    head: { kind: 'fixture' },
    description: `test fixture ${id}`,
  };
}

registerModel(
  await Promise.all([
    fixture('ultraface-rfb-320', 'ultraface', 'version-RFB-320.onnx', 320, 240),
    fixture('yunet-320', 'yunet', 'yunet_s_320_320.onnx', 320, 320),
    fixture('yunet-dynamic', 'yunet', 'yunet_s_dynamic.onnx', 640, 640),
    fixture('pfld-ghostone-98', 'landmarks', 'PFLD_GhostOne_112_1_opt_sim.onnx', 112, 112),
    fixture('pfpld', 'landmarks', 'pfpld.onnx', 112, 112, false),
    fixture('fsanet-1x1', 'headpose', 'fsanet-1x1-iter-688590.onnx', 64, 64),
    fixture('fsanet-var', 'headpose', 'fsanet-var-iter-688590.onnx', 64, 64),
    fixture('sinet-320', 'segmentation', 'SINet_Softmax_320.onnx', 320, 320),
  ]),
);
