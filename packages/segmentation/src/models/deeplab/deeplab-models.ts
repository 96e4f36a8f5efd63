import type { ModelSpec } from '@facepipe/core';
import { portraitSource } from '../portrait-source.js';
import type { SegmentationHead } from '../segmentation-head.js';

/** DeepLabV3 MobileNetV2 (facts from `shared/ASSETS.md`), registered by the segmentation entry point. */
export const DEEPLAB_MODELS: readonly ModelSpec<SegmentationHead>[] = [
  {
    id: 'deeplab-mnv2-513', task: 'segmentation', file: 'deeplab_mnv2_dm05_513_nchw.onnx', folder: 'segmentation', sha256: '92ca50e4b49eafd530abbe6ff397e288dc9e8ce4570d08550d373f3d7d62a27d', bytes: 3442483,
    ...portraitSource('models/deeplab_dm05_513/deeplab_nchw.onnx'),
    input: { name: 'MobilenetV2/MobilenetV2/input:0', width: 513, height: 513, layout: 'NCHW', channelOrder: 'RGB', mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5], resize: 'squash' },
    head: { kind: 'segmentation', output: 'transpose:0', activation: 'logits', personChannel: 1 }, description: 'DeepLabV3 MobileNetV2 (dm 0.5) person logits 513x513 (slow non-UNET baseline)',
  },
];
