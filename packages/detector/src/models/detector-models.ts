import type { ModelSpec } from '@facepipe/core';
import { SCRFD_MODELS } from './scrfd/scrfd-models.js';
import { ULTRAFACE_MODELS } from './ultraface/ultraface-models.js';
import { YUNET_MODELS } from './yunet/yunet-models.js';

/** Every model the detector package registers (UltraFace, YuNet, and SCRFD, which has no decoder yet). */
export const DETECTOR_MODELS: readonly ModelSpec[] = [...ULTRAFACE_MODELS, ...YUNET_MODELS, ...SCRFD_MODELS];
