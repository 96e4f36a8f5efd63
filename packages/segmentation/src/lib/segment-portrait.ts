import { Observable, type OperatorFunction } from 'rxjs';
import { assertInteger, assertObject, withResults, type Frame } from '@facepipe/core';
import type { FrameWithMask } from './mask.js';
import { postprocessMask, validatePostprocessOptions, type MaskPostprocessOptions } from './postprocess-mask.js';
import { PortraitSegmenter, type PortraitSegmenterOptions } from './portrait-segmenter.js';
import type { ProbabilityMap } from './probability-map.js';
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
  /** Frames in inference at once (default: the segmenter's worker count, at least 1). Output order is input order whatever this is. */
  readonly concurrency?: number;
}

/** Internal: validated, per-subscription settings shared by the compositing operators. */
export function checkSegmentPortraitOptions(options: SegmentPortraitOptions): void {
  assertObject(options, 'options');
  if (options.segmenter !== undefined && !(options.segmenter instanceof PortraitSegmenter)) {
    throw new TypeError(`Expected \`segmenter\` to be a PortraitSegmenter, got \`${String(options.segmenter)}\` (${typeof options.segmenter})`);
  }
  if (options.concurrency !== undefined) assertInteger(options.concurrency, 'concurrency', 1, 64);
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
  if (options.segmenter === undefined) {
    // validate model options synchronously too (the load itself happens per subscription)
    PortraitSegmenter.validateOptions(options);
  }
  return (source) =>
    new Observable<FrameWithMask>((sub) => {
      let segmenter: PortraitSegmenter | undefined = options.segmenter;
      const owned = options.segmenter === undefined;
      let closed = false;
      let sourceDone = false;
      const smoother: TemporalSmoother | undefined =
        options.temporal === false ? undefined : createTemporalSmoother(options.temporal === true || options.temporal === undefined ? {} : options.temporal);
      // queue of frames in arrival order; results fill in as inference finishes
      const pending: { frame: Frame; prob?: ProbabilityMap; started: boolean }[] = [];
      let running = 0;
      let post: MaskPostprocessOptions = {};
      let concurrency = options.concurrency ?? 1;

      const fail = (err: unknown) => {
        if (closed) return;
        closed = true;
        sub.error(err);
      };

      const pump = () => {
        if (closed || !segmenter) return;
        // emit finished frames in order
        while (pending.length > 0 && pending[0]!.prob) {
          const head = pending.shift()!;
          let out: FrameWithMask;
          try {
            const mask = postprocessMask(head.prob!, head.frame.width, head.frame.height, post, smoother);
            out = withResults(head.frame, { mask }) as FrameWithMask;
          } catch (err) {
            fail(err);
            return;
          }
          sub.next(out);
          if (closed) return;
        }
        // start more work
        for (const item of pending) {
          if (running >= concurrency) break;
          if (item.started) continue;
          item.started = true;
          running++;
          const seg = segmenter;
          seg.infer(item.frame).then(
            (prob) => {
              running--;
              item.prob = prob;
              pump();
            },
            (err: unknown) => {
              running--;
              fail(err);
            },
          );
        }
        if (sourceDone && pending.length === 0 && running === 0) {
          closed = true;
          sub.complete();
        }
      };

      const ready = (seg: PortraitSegmenter) => {
        segmenter = seg;
        post = {
          ...seg.postprocessOptions,
          ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
          ...(options.feather !== undefined ? { feather: options.feather } : {}),
          ...(options.largestComponent !== undefined ? { largestComponent: options.largestComponent } : {}),
        };
        concurrency = options.concurrency ?? seg.concurrency;
        pump();
      };

      if (segmenter) ready(segmenter);
      else {
        PortraitSegmenter.create(options).then(
          (seg) => {
            if (closed) void seg.dispose();
            else ready(seg);
          },
          fail,
        );
      }

      const subscription = source.subscribe({
        next(frame) {
          pending.push({ frame, started: false });
          pump();
        },
        error: fail,
        complete() {
          sourceDone = true;
          pump();
        },
      });

      return () => {
        closed = true;
        subscription.unsubscribe();
        pending.length = 0;
        if (owned && segmenter) void segmenter.dispose();
      };
    });
}
