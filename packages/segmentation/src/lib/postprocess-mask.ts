import { assertInRange, assertInteger } from '@facepipe/core';
import { boxBlur } from './box-blur.js';
import { keepLargestComponent } from './keep-largest-component.js';
import type { Mask } from './mask.js';
import { maskCoverage } from './mask-coverage.js';
import type { ProbabilityMap } from './probability-map.js';
import type { TemporalSmoother } from './temporal-smoother.js';
import { upsampleProbability } from './upsample-probability.js';

/** How a probability map becomes a frame-size mask. */
export interface MaskPostprocessOptions {
  /** Hard threshold in (0, 1] applied to the upsampled probability (default: none, soft alpha). */
  readonly threshold?: number;
  /** Feather radius in frame pixels: two box-blur passes of this radius soften the mask edge (default 0). */
  readonly feather?: number;
  /** Keep only the largest connected person region (at model resolution, before upsampling). Default false. */
  readonly largestComponent?: boolean;
}

/** Check {@link MaskPostprocessOptions} once at a public boundary. */
export function validatePostprocessOptions(options: MaskPostprocessOptions): void {
  if (options.threshold !== undefined) assertInRange(options.threshold, 'threshold', Number.MIN_VALUE, 1);
  if (options.feather !== undefined) assertInteger(options.feather, 'feather', 0, 256);
  if (options.largestComponent !== undefined && typeof options.largestComponent !== 'boolean') {
    throw new TypeError(`Expected \`largestComponent\` to be a boolean, got \`${String(options.largestComponent)}\` (${typeof options.largestComponent})`);
  }
}

/**
 * Turn a model-resolution probability map into a frame-size {@link Mask}: optional temporal
 * smoothing and largest-component clean-up at model resolution, then bilinear upsampling of the
 * content region straight to frame size, optional threshold, optional feathering.
 *
 * ## Example
 * ```ts
 * const prob = await segmenter.infer(frame);
 * const mask = postprocessMask(prob, frame.width, frame.height, { threshold: 0.5, feather: 2 });
 * ```
 * @param smoother - Per-stream temporal state (see `createTemporalSmoother`), or undefined.
 * @throws {RangeError} for invalid options.
 */
export function postprocessMask(prob: ProbabilityMap, width: number, height: number, options: MaskPostprocessOptions = {}, smoother?: TemporalSmoother): Mask {
  let values = prob.data;
  if (smoother) values = smoother.apply(values, prob.guide);
  if (options.largestComponent) values = keepLargestComponent(values, prob.width, prob.height).values;
  const map = values === prob.data ? prob : { ...prob, data: values };
  let alpha = upsampleProbability(map, width, height, options.threshold === undefined ? {} : { threshold: options.threshold });
  const feather = options.feather ?? 0;
  if (feather > 0) alpha = boxBlur({ width, height, channels: 1, data: alpha }, feather, { passes: 2 }).data;
  return { width, height, data: alpha, coverage: maskCoverage(alpha) };
}
