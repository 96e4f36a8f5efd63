import type { OperatorFunction } from 'rxjs';
import { assertInteger, defaultConcurrency, mapOrdered, withResults, type Frame } from '@facepipe/core';
import { LandmarkDetector, type LandmarkDetectorOptions } from './landmark-detector.js';

/** Options of {@link detectLandmarks}. */
export interface DetectLandmarksOptions extends LandmarkDetectorOptions {
  /** Frames in flight at once (default: one per worker of the model, see core's `defaultConcurrency`). Output order always equals input order. */
  readonly concurrency?: number;
  /** Use this already-loaded detector (not disposed by the operator) instead of loading one per subscription. */
  readonly detector?: LandmarkDetector;
}

/**
 * RxJS operator: add landmarks (and, for PFPLD-style models, pose) to the faces of every frame
 * (`frame.results.faces`, e.g. from `detectFaces`). Frames come out in the order they came in,
 * as new frames (pixels shared); frames without faces pass through. Each subscription loads its own
 * model (unless `detector` is given) and releases it on unsubscribe, error or completion. The frame
 * type passes through: a `FrameWithFaces` (from `detectFaces`) comes out as one.
 *
 * ## Example
 * ```ts
 * readFrames('clip.mp4').pipe(
 *   detectFaces({ model: 'ultraface-rfb-320' }),
 *   detectLandmarks({ model: 'pfld-ghostone-98', workers: 1 }),
 * ).subscribe((f) => console.log(f.results.faces?.[0]?.landmarks?.length)); // 196
 * ```
 * @throws {RangeError} synchronously for an invalid `concurrency`; model errors arrive through `error`.
 */
export function detectLandmarks<F extends Frame = Frame>(options: DetectLandmarksOptions = {}): OperatorFunction<F, F> {
  const concurrency = options.concurrency ?? defaultConcurrency(options.detector ? options.detector.workers : options.workers);
  assertInteger(concurrency, 'concurrency', 1, 64);
  const own = !options.detector;
  return mapOrdered<F, F, LandmarkDetector>(
    async (frame, det) => {
      const faces = frame.results.faces;
      if (!faces || faces.length === 0) return frame;
      return withResults(frame, { faces: await det.detect(frame, faces) });
    },
    { concurrency, setup: () => options.detector ?? LandmarkDetector.create(options), teardown: (det) => (own ? det.dispose() : undefined) },
  );
}
