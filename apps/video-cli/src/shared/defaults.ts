import type { Stage } from './option-parsers.js';

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
