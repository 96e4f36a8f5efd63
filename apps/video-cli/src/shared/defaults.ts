import { DEFAULT_DETECTOR_MODEL } from '@facepipe/detector';
import { DEFAULT_LANDMARK_MODEL } from '@facepipe/landmarks';
import { DEFAULT_SEGMENTATION_MODEL } from '@facepipe/segmentation';
import type { Stage } from './option-parsers.js';

/**
 * Default model ids of each stage (the `--detector`, `--landmarks`, `--segmenter` defaults): each
 * stage package owns its default.
 *
 * ## Example
 * ```ts
 * DEFAULT_MODELS.detector; // 'ultraface-rfb-320'
 * ```
 */
export const DEFAULT_MODELS = {
  detector: DEFAULT_DETECTOR_MODEL,
  landmarks: DEFAULT_LANDMARK_MODEL,
  segmenter: DEFAULT_SEGMENTATION_MODEL,
} as const;

/** Default `--stages` of `run` and `bench`. */
export const DEFAULT_STAGES: readonly Stage[] = ['detect', 'landmarks', 'pose'];
