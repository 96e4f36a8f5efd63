import { dimFits, type HeadSignature, lastDim, type ModelHead, type ModelInputSpec, type ModelSpec, rawGithubUrl } from '@facepipe/core';
import { FSANET_QUANTIZATION } from './fsanet-quantization.js';

/** Head-pose model facts: the output holding `[yaw, pitch, roll]` and its unit. */
export interface HeadPoseHead extends ModelHead {
  readonly kind: 'headpose';
  readonly output: string;
  readonly unit: 'degrees';
}

/** True when `head` is a head-pose head. */
export const isHeadPoseHead = (head: ModelHead): head is HeadPoseHead => head.kind === 'headpose';

/** FSA-Net input: 64x64 BGR crop, `(px - 127.5) / 128` (the source demo). */
export const fsanetInput: ModelInputSpec = { name: 'input', width: 64, height: 64, layout: 'NCHW', channelOrder: 'BGR', mean: [127.5, 127.5, 127.5], std: [128, 128, 128], resize: 'face-crop' };

const fsa = { repo: 'omasaht/headpose-fsanet-pytorch', commit: '002549c981b607f722e0810d999afcde7e5aaa66' };

function fsanet(id: string, file: string, sha256: string, bytes: number, description: string): ModelSpec<HeadPoseHead> {
  const source = { ...fsa, path: `pretrained/${file}` };
  return {
    id, task: 'head-pose', file, folder: 'headpose', sha256, bytes, license: 'MIT', source, url: rawGithubUrl(source),
    input: fsanetInput, head: { kind: 'headpose', output: 'output', unit: 'degrees' }, description, quantization: FSANET_QUANTIZATION,
  };
}

/** The FSA-Net head-pose models (facts from `shared/ASSETS.md`), registered by the landmarks entry point. */
export const FSANET_MODELS: readonly ModelSpec<HeadPoseHead>[] = [
  fsanet('fsanet-1x1', 'fsanet-1x1-iter-688590.onnx', 'd85e90cb4b9d3a87e81bbfdcfcd130cbe0e175407042e439a570aa396c44eda6', 1247488, 'FSA-Net 1x1 head pose (yaw, pitch, roll degrees); average with fsanet-var'),
  fsanet('fsanet-var', 'fsanet-var-iter-688590.onnx', '2877b1db98e3dc66468e90df8db4a21059facd1c3f107af91c6d4fe6476a03e1', 1246963, 'FSA-Net var head pose; average with fsanet-1x1'),
];

/** Models FSA-Net pose estimation averages when none are given (as the source demo does). */
export const DEFAULT_POSE_MODELS: readonly string[] = ['fsanet-1x1', 'fsanet-var'];

/** The output a head-pose head reads: `output` [.., 3] (yaw, pitch, roll; for `identifyModel`). */
export const headPoseSignature: HeadSignature = (head, outputs) => {
  if (!isHeadPoseHead(head)) return false;
  const out = outputs.find((o) => o.name === head.output);
  return !!out && dimFits(lastDim(out), 3);
};
