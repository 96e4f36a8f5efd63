import type { OperatorFunction } from 'rxjs';
import { assertInteger, defaultConcurrency, mapOrdered, withResults, type Frame } from '@facepipe/core';
import { FaceDetector, type FaceDetectorOptions } from './face-detector.js';
import type { FrameWithFaces } from '@facepipe/core';

/** Options of {@link detectFaces}: detector options plus the number of frames in flight. */
export interface DetectFacesOptions extends FaceDetectorOptions {
  /** Frames being detected at once (default: one per worker of the detector, see core's `defaultConcurrency`). Output order is always input order. */
  readonly concurrency?: number;
  /**
   * Use this detector instead of creating one per subscription (it is not disposed by the operator):
   * lets a batch of inputs share one set of sessions. Detector options are then the detector's.
   */
  readonly detector?: FaceDetector;
}

/**
 * RxJS operator: detect faces on every frame and emit the frame with `results.faces` set (a new
 * frame via `withResults`; pixels shared). Up to `concurrency` frames are detected at once through
 * the detector's inference pool, but frames are emitted strictly in the order they arrived.
 *
 * Given options, the operator creates its own {@link FaceDetector} per subscription and disposes it
 * on teardown (complete, error or unsubscribe). Given a detector (as the argument, or as
 * `{ detector, concurrency }`), it uses and never disposes it.
 *
 * ## Example
 * ```ts
 * readFrames('clip.mp4').pipe(
 *   detectFaces({ model: 'ultraface-rfb-320', workers: 2 }),
 * ).subscribe((frame) => console.log(frame.index, frame.results.faces.length));
 * ```
 * @throws {TypeError | RangeError} synchronously for invalid options; detector/model failures arrive as error notifications.
 */
export function detectFaces(options: DetectFacesOptions | FaceDetector = {}): OperatorFunction<Frame, FrameWithFaces> {
  const opts: DetectFacesOptions = options instanceof FaceDetector ? { detector: options } : options;
  if (opts === null || typeof opts !== 'object') throw new TypeError('Expected `options` to be an object or a FaceDetector');
  if (opts.detector !== undefined && !(opts.detector instanceof FaceDetector)) throw new TypeError('Expected `detector` to be a FaceDetector');
  const given = opts.detector;
  if (opts.concurrency !== undefined) assertInteger(opts.concurrency, 'concurrency', 1, 64);
  const concurrency = opts.concurrency ?? defaultConcurrency(given ? given.workers : opts.workers);
  return mapOrdered<Frame, FrameWithFaces, FaceDetector>(
    async (frame, detector) => withResults(frame, { faces: await detector.detect(frame) }) as FrameWithFaces,
    {
      concurrency,
      setup: () => given ?? FaceDetector.create(opts),
      teardown: (detector) => (given ? undefined : detector.dispose()),
    },
  );
}
