import type { ParsedModelFlags } from './add-model-options.js';
import type { ModelOptions } from './model-options.js';

/**
 * The {@link ModelOptions} out of a command's parsed options (as declared by `addModelOptions`).
 *
 * ## Example
 * ```ts
 * readModelOptions(cmd.opts()); // { detector: 'ultraface-rfb-320', landmarks: 'pfld-ghostone-98', segmenter: 'prisma-unet-256', int8: false }
 * ```
 */
export function readModelOptions(opts: ParsedModelFlags): ModelOptions {
  return {
    detector: opts.detector,
    landmarks: opts.landmarks,
    segmenter: opts.segmenter,
    int8: opts.int8,
    ...(opts.detectorFamily !== undefined ? { detectorFamily: opts.detectorFamily } : {}),
    ...(opts.landmarksFamily !== undefined ? { landmarksFamily: opts.landmarksFamily } : {}),
    ...(opts.segmenterFamily !== undefined ? { segmenterFamily: opts.segmenterFamily } : {}),
  };
}
