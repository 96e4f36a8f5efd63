import { DEFAULT_DETECTOR_MODEL } from '@facepipe/detector';
import { DEFAULT_DETECT_EVERY as LIBRARY_DETECT_EVERY, DEFAULT_LANDMARK_MODEL } from '@facepipe/landmarks';
import { DEFAULT_SEGMENTATION_MODEL } from '@facepipe/segmentation';
import type { FaceMode } from '../commands/run/run-options.js';
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

/**
 * Default `--mode` of `run`. Video mode becomes the default only where it met the bounds against
 * the exact mode on the shared clips (`trackLandmarks` spec in @facepipe/landmarks).
 */
export const DEFAULT_FACE_MODE: FaceMode = 'video';

/** Default `--detect-every` of `run` (the library's `trackLandmarks` default). */
export const DEFAULT_DETECT_EVERY: number = LIBRARY_DETECT_EVERY;
