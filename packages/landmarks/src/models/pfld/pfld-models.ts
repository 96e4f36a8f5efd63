import { rawGithubUrl, type ModelInputSpec, type ModelSpec } from '@facepipe/core';
import type { LandmarkHead } from '../landmark-head.js';
import { PFLD_GHOSTONE_QUANTIZATION, PFLD_QUANTIZATION } from './pfld-quantization.js';

/** PFLD input: 112x112 RGB face crop, `(px - 127.5) / 127.5` (the GhostOne reference); variants override mean/std. */
export const pfldInput: ModelInputSpec = { name: 'input', width: 112, height: 112, layout: 'NCHW', channelOrder: 'RGB', mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5], resize: 'face-crop' };

const ghostOne = { repo: 'AnthonyF333/PFLD_GhostOne', commit: '7061b5649ffdb6e7fbb4add2372346264a160343' };

function ghost(id: string, file: string, sha256: string, bytes: number, description: string): ModelSpec<LandmarkHead> {
  const source = { ...ghostOne, path: `onnx_models/${file}` };
  return {
    id, task: 'landmarks', file, folder: 'landmarks', sha256, bytes, license: 'Apache-2.0', source, url: rawGithubUrl(source),
    input: pfldInput, head: { kind: 'landmarks', points: 98, output: 'output', cropScale: 1.0 }, description,
    quantization: id === 'pfld-ghostone-98' ? PFLD_GHOSTONE_QUANTIZATION : PFLD_QUANTIZATION,
  };
}

const cunjian = { repo: 'cunjian/pytorch_face_landmark', commit: '6f34bf9f034aa2f521952f825e6ccc567deb42d6', path: 'onnx/pfld.onnx' };

/** The PFLD landmark models facepipe knows (facts from `shared/ASSETS.md`), registered by the landmarks entry point. */
export const PFLD_MODELS: readonly ModelSpec<LandmarkHead>[] = [
  ghost('pfld-ghostone-98', 'PFLD_GhostOne_112_1_opt_sim.onnx', '74d1a83932af79c2689d9371b21f32d014552f089985f076e832e89cb18f41e8', 2838549, 'PFLD-GhostOne, 98 WFLW points (recommended)'),
  ghost('pfld-ghostnet-slim-98', 'PFLD_GhostNet_Slim_112_1_opt_sim.onnx', 'ff82819d3169b8e5b5c721fb7704a364dddcd3e9c4ae5e55ad161adcedb6265b', 2970407, 'PFLD-GhostNet-Slim, 98 WFLW points'),
  {
    id: 'pfld-68', task: 'landmarks', file: 'pfld_68pt_cunjian.onnx', folder: 'landmarks', sha256: '7d7bbd5c6a1d9272e58d9773898284a1905d872eba9a662df9b5f20f1ba6f83e', bytes: 2987921,
    license: 'none declared (evaluation/reference only)', source: cunjian, url: rawGithubUrl(cunjian),
    input: { ...pfldInput, mean: [0, 0, 0], std: [255, 255, 255] }, head: { kind: 'landmarks', points: 68, output: 'output', cropScale: 1.0 }, description: 'PFLD 68 iBUG points (cunjian), RGB /255', quantization: PFLD_QUANTIZATION,
  },
];

/** Landmark model used when none is given. */
export const DEFAULT_LANDMARK_MODEL = 'pfld-ghostone-98';
