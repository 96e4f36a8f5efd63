import { type HeadSignature, type ModelHead, type ModelInputSpec, type ModelSpec, rawGithubUrl } from '@facepipe/core';

/** YuNet head: fixed output names (`cls_/obj_/bbox_/kps_` per stride, see `YUNET_OUTPUTS`), nothing to configure. */
export interface YunetHead extends ModelHead {
  readonly kind: 'yunet';
}

/** True when `head` is a YuNet head. */
export const isYunetHead = (head: ModelHead): head is YunetHead => head.kind === 'yunet';

/** YuNet input at a size (BGR, raw 0..255, letterbox); also the fallback for unregistered YuNet files. */
export const yunetInput = (width: number, height: number, dynamicMultiple?: number): ModelInputSpec => ({
  name: 'input', width, height, ...(dynamicMultiple ? { dynamicMultiple } : {}), layout: 'NCHW', channelOrder: 'BGR', mean: [0, 0, 0], std: [1, 1, 1], resize: 'letterbox',
});

const repo = 'ShiqiYu/libfacedetection.train';
const commit = '0047ac24afb1a50a0c6105001c89d1b5b805dbf1';

function yunet(id: string, file: string, path: string, sha256: string, bytes: number, license: string, input: ModelInputSpec, description: string): ModelSpec<YunetHead> {
  const source = { repo, commit, path };
  return { id, task: 'face-detection', file, folder: 'yunet', sha256, bytes, license, source, url: rawGithubUrl(source), input, head: { kind: 'yunet' }, description };
}

/** The YuNet exports facepipe knows (facts from `shared/ASSETS.md`), registered by the detector's entry point. */
export const YUNET_MODELS: readonly ModelSpec<YunetHead>[] = [
  yunet('yunet-640', 'face_detection_yunet_2023mar.onnx', 'onnx/yunet_s_640_640.onnx', '8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4', 232589,
    'Apache-2.0 (also published MIT in opencv_zoo)', yunetInput(640, 640), 'YuNet-s 2023mar, 640x640, 5 keypoints (strong on small faces)'),
  yunet('yunet-320', 'yunet_s_320_320.onnx', 'onnx/yunet_s_320_320.onnx', 'beb05bf2378aee45cd7c41056da07265b7bb91041ed1b06f923819a9c744ec36', 232557,
    'Apache-2.0', yunetInput(320, 320), 'YuNet-s 2023, 320x320'),
  yunet('yunet-dynamic', 'yunet_s_dynamic.onnx', 'onnx/yunet_s_dynamic.onnx', 'daede24002cc8590f457998cc5e6c9e8b82f45f6bd969506a8913cd4ed10a2d3', 237823,
    'Apache-2.0', yunetInput(640, 640, 32), 'YuNet-s 2023, dynamic batch/height/width (multiples of 32)'),
];

/** The outputs a YuNet head reads: `cls`/`obj`/`bbox`/`kps` at strides 8, 16, 32 (for `identifyModel`). */
export const yunetSignature: HeadSignature = (head, outputs) =>
  isYunetHead(head) && [8, 16, 32].every((s) => ['cls', 'obj', 'bbox', 'kps'].every((k) => outputs.some((o) => o.name === `${k}_${s}`)));
