import type { ModelSpec } from '@facepipe/core';
import { portraitSource } from '../portrait-source.js';
import type { SegmentationHead } from '../segmentation-head.js';

/** SINet (facts from `shared/ASSETS.md`), registered by the segmentation entry point. */
export const SINET_MODELS: readonly ModelSpec<SegmentationHead>[] = [
  {
    id: 'sinet-320', task: 'segmentation', file: 'SINet_Softmax_320.onnx', folder: 'segmentation', sha256: '932c83e0013e07bbe597fe0007ba5ae6add3fbb6413ca5b81f18b2d410ac7259', bytes: 438815,
    ...portraitSource('SINet/SINet_Softmax.onnx'),
    // Source: ((px - mean) / std) / 255 in BGR; folded: std' = std * 255. mean/std listed in RGB order.
    input: { name: 'data', width: 320, height: 320, layout: 'NCHW', channelOrder: 'BGR', mean: [126.91212, 111.25247, 102.890434], std: [66.355705 * 255, 62.82138 * 255, 62.93292 * 255], resize: 'squash' },
    head: { kind: 'segmentation', output: 'Softmax/1', activation: 'softmax', personChannel: 1 }, description: 'SINet 320x320 2-class softmax (0.44 MB)',
  },
];
