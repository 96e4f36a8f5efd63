import { defer, map, type OperatorFunction } from './rxjs.js';
import { assertInteger, assertObject, defaultConcurrency, expectedMessage, mapOrdered, withResults, type Frame } from '@facepipe/core';
import type { FrameWithMask } from './mask.js';
import { postprocessMask, validatePostprocessOptions, type MaskPostprocessOptions } from './postprocess-mask.js';
import { PortraitSegmenter, type PortraitSegmenterOptions } from './portrait-segmenter.js';
import { createTemporalSmoother, type TemporalSmoother, type TemporalSmootherOptions } from './temporal-smoother.js';

/** Options of {@link segmentPortrait}. */
export interface SegmentPortraitOptions extends PortraitSegmenterOptions {
  /**
   * Use this segmenter instead of loading one per subscription (it is not disposed by the
   * operator). Model/policy options are then the segmenter's; post-processing options given
   * here override the segmenter's.
   */
  readonly segmenter?: PortraitSegmenter;
  /**
   * Temporal smoothing of masks across frames (per subscription): `true` (default) for the
   * default motion-adaptive EMA, an options object to tune it, `false` for independent masks.
   */
  readonly temporal?: boolean | TemporalSmootherOptions;
  /** Frames in inference at once (default: one per worker of the segmenter, see core's `defaultConcurrency`). Output order is input order whatever this is. */
  readonly concurrency?: number;
  /**
   * Keep a mask the frame already carries (from an earlier `segmentPortrait`) when it has the
   * frame's size, instead of segmenting again (default false; `blurBackground` and
   * `replaceBackground` default to true).
   */
  readonly reuseMask?: boolean;
}

/** Internal: validated, per-subscription settings shared by the compositing operators. */
export function checkSegmentPortraitOptions(options: SegmentPortraitOptions): void {
  assertObject(options, 'options');
  if (options.segmenter !== undefined && !(options.segmenter instanceof PortraitSegmenter)) {
    throw new TypeError(`Expected \`segmenter\` to be a PortraitSegmenter, got \`${String(options.segmenter)}\` (${typeof options.segmenter})`);
  }
  if (options.concurrency !== undefined) assertInteger(options.concurrency, 'concurrency', 1, 64);
  if (options.reuseMask !== undefined && typeof options.reuseMask !== 'boolean') throw new TypeError(expectedMessage('reuseMask', 'a boolean', options.reuseMask));
  if (options.temporal !== undefined && typeof options.temporal !== 'boolean') {
    assertObject(options.temporal, 'temporal');
    createTemporalSmoother(options.temporal); // validates
  }
  validatePostprocessOptions(options);
}

/**
 * Operator that segments the person in every frame and attaches the mask
 * (`frame.results.mask`, alpha at frame size). Frames come out in the order they came in;
 * up to `concurrency` frames are in inference at once (one per worker by default). The model is
 * loaded on subscribe and disposed on teardown (unless `segmenter` is given); masks are smoothed
 * over time per subscription.
 *
 * Frames queue while inference runs: with `readFrames(..., { release: 'manual' })` put
 * `releaseFrames()` at the end of the pipeline to bound the decoder (the output frames share the
 * input pixel buffer).
 *
 * ## Example
 * ```ts
 * readFrames('clip.mp4').pipe(segmentPortrait({ model: 'prisma-unet-256', feather: 2 }))
 *   .subscribe((f) => console.log(f.index, f.results.mask.coverage));
 * ```
 * @throws {TypeError|RangeError} synchronously for invalid options.
 * @throws {ModelLoadError|ShapeMismatchError} as an error notification when the model cannot be loaded or a frame is not RGB.
 */
export function segmentPortrait(options: SegmentPortraitOptions = {}): OperatorFunction<Frame, FrameWithMask> {
  checkSegmentPortraitOptions(options);
  const given = options.segmenter;
  // validate model options synchronously too (the load itself happens per subscription)
  if (given === undefined) PortraitSegmenter.validateOptions(options);
  // the segmenter's `concurrency` is defaultConcurrency(its workers): one rule either way
  const concurrency = options.concurrency ?? (given ? given.concurrency : defaultConcurrency(options.workers));
  const hasOwnMask = (frame: Frame): boolean => {
    const m = frame.results.mask;
    return options.reuseMask === true && m !== undefined && m.width === frame.width && m.height === frame.height;
  };
  return (source) =>
    defer(() => {
      // per subscription: the temporal smoother and the resolved post-processing settings
      const smoother: TemporalSmoother | undefined =
        options.temporal === false ? undefined : createTemporalSmoother(options.temporal === true || options.temporal === undefined ? {} : options.temporal);
      let post: MaskPostprocessOptions | undefined;
      return source.pipe(
        // inference overlaps across workers; results come back in frame order
        mapOrdered(async (frame: Frame, seg: PortraitSegmenter) => ({ frame, seg, prob: hasOwnMask(frame) ? undefined : await seg.infer(frame) }), {
          concurrency,
          setup: () => given ?? PortraitSegmenter.create(options),
          teardown: (seg) => (given ? undefined : seg.dispose()),
        }),
        // post-processing is sequential: the temporal smoother needs frames in order
        map(({ frame, seg, prob }) => {
          if (!prob) return frame as FrameWithMask; // its own mask, kept (reuseMask)
          post ??= {
            ...seg.postprocessOptions,
            ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
            ...(options.feather !== undefined ? { feather: options.feather } : {}),
            ...(options.largestComponent !== undefined ? { largestComponent: options.largestComponent } : {}),
          };
          return withResults(frame, { mask: postprocessMask(prob, frame.width, frame.height, post, smoother) }) as FrameWithMask;
        }),
      );
    });
}
