import type { ModelSpec } from '@facepipe/core';
import { DEEPLAB_MODELS } from './deeplab/deeplab-models.js';
import { PRISMA_MODELS } from './prisma/prisma-models.js';
import { SINET_MODELS } from './sinet/sinet-models.js';
import type { SegmentationHead } from './segmentation-head.js';

/** Every model the segmentation package registers (Prisma-Net, SINet, DeepLab). */
export const SEGMENTATION_MODELS: readonly ModelSpec<SegmentationHead>[] = [...PRISMA_MODELS, ...SINET_MODELS, ...DEEPLAB_MODELS];
