import type { ModelInputSpec } from '@facepipe/core';
import type { SegmentationHead } from '../models/segmentation-head.js';

/**
 * How to feed and read a segmentation network. Registry presets carry this in their `ModelSpec`;
 * pass it explicitly for a model file the registry does not know.
 */
export interface SegmentationModelConfig {
  readonly input: ModelInputSpec;
  readonly head: SegmentationHead;
}

/** Registry ids of the built-in segmentation presets. */
export const SEGMENTATION_PRESETS = ['prisma-unet-256', 'sinet-320', 'deeplab-mnv2-513'] as const;
