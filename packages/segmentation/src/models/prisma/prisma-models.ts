import type { ModelSpec } from '@facepipe/core';
import { portraitSource } from '../portrait-source.js';
import type { SegmentationHead } from '../segmentation-head.js';
import { PRISMA_QUANTIZATION } from './prisma-quantization.js';

/** Prisma-Net (facts from `shared/ASSETS.md`), registered by the segmentation entry point. */
export const PRISMA_MODELS: readonly ModelSpec<SegmentationHead>[] = [
  {
    id: 'prisma-unet-256', task: 'segmentation', file: 'prisma-net_256_nchw.onnx', folder: 'segmentation', sha256: 'aeef118740b74a908886f247457c9866b5c002769eda4bb901f049dc7821b1c0', bytes: 3730400,
    ...portraitSource('models/prisma_seg/prisma_nchw.onnx'),
    input: { name: 'input_3', width: 256, height: 256, layout: 'NCHW', channelOrder: 'RGB', mean: [0, 0, 0], std: [255, 255, 255], resize: 'squash' },
    head: { kind: 'segmentation', output: 'permute_2', activation: 'sigmoid', personChannel: 0 }, description: 'Prisma-Net UNET-style portrait mask 256x256 (recommended)',
    quantization: PRISMA_QUANTIZATION,
  },
];

/** Segmentation model used when none is given. */
export const DEFAULT_SEGMENTATION_MODEL = 'prisma-unet-256';
