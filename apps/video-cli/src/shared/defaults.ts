import type { FaceMode } from '../commands/run/run-options.js';

/** Pipeline stages the `run` command knows, in execution order. */
export const STAGES = ['detect', 'landmarks', 'pose', 'segment'] as const;
/** One pipeline stage name. */
export type Stage = (typeof STAGES)[number];

/** The `--pose` methods of `run`: FSA-Net on the face box, PnP from the landmarks, the landmark model's own pose output. */
export const POSE_METHODS = ['fsanet', 'pnp', 'model'] as const;
/** One `--pose` method. */
export type PoseMethod = (typeof POSE_METHODS)[number];
/** Default `--pose` of `run`. */
export const DEFAULT_POSE: PoseMethod = 'fsanet';

/** Default and largest `--workers` (inference worker threads per model). */
export const DEFAULT_WORKERS = 1;
export const MAX_WORKERS = 16;

/**
 * Default model ids of each stage (the `--detector`, `--landmarks`, `--segmenter` defaults). Each
 * stage package owns its default (`DEFAULT_DETECTOR_MODEL`, ...); the ids are written out here so
 * building the command line (`--help`, usage errors) loads no stage package, and
 * `defaults.spec.ts` checks they equal the packages' own.
 *
 * ## Example
 * ```ts
 * DEFAULT_MODELS.detector; // 'ultraface-rfb-320'
 * ```
 */
export const DEFAULT_MODELS = {
  detector: 'ultraface-rfb-320',
  landmarks: 'pfld-ghostone-98',
  segmenter: 'prisma-unet-256',
} as const;

/** Default `--stages` of `run` and `bench`. */
export const DEFAULT_STAGES: readonly Stage[] = ['detect', 'landmarks', 'pose'];

/**
 * Default `--mode` of `run`. Video mode becomes the default only where it met the bounds against
 * the exact mode on the shared clips (`trackLandmarks` spec in @facepipe/landmarks).
 */
export const DEFAULT_FACE_MODE: FaceMode = 'video';

/** Default `--detect-every` of `run`: the library's `trackLandmarks` default (`DEFAULT_DETECT_EVERY` of @facepipe/landmarks, checked by `defaults.spec.ts`). */
export const DEFAULT_DETECT_EVERY: number = 2;
