import { Observable, type OperatorFunction } from 'rxjs';
import { assertInteger, withResults, type Frame } from '@facepipe/core';
import { FaceDetector, type FaceDetectorOptions } from './face-detector.js';
import type { Face, FrameWithFaces } from './face.js';

/** Options of {@link detectFaces}: detector options plus the number of frames in flight. */
export interface DetectFacesOptions extends FaceDetectorOptions {
  /** Frames being detected at once (default: the detector's worker count, at least 1). Output order is always input order. */
  readonly concurrency?: number;
}

interface Slot {
  readonly frame: Frame;
  faces: readonly Face[] | undefined;
}

/**
 * RxJS operator: detect faces on every frame and emit the frame with `results.faces` set (a new
 * frame via `withResults`; pixels shared). Up to `concurrency` frames are detected at once through
 * the detector's inference pool, but frames are emitted strictly in the order they arrived.
 *
 * Given options, the operator creates its own {@link FaceDetector} per subscription and disposes it
 * on teardown (complete, error or unsubscribe). Given a detector, it uses and never disposes it.
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
  const given = options instanceof FaceDetector ? options : undefined;
  const opts: DetectFacesOptions = given ? {} : (options as DetectFacesOptions);
  if (!given && (opts === null || typeof opts !== 'object')) throw new TypeError('Expected `options` to be an object or a FaceDetector');
  if (opts.concurrency !== undefined) assertInteger(opts.concurrency, 'concurrency', 1, 64);
  return (source) =>
    new Observable<FrameWithFaces>((sub) => {
      let closed = false;
      let detector: FaceDetector | undefined = given;
      const created = given ? undefined : FaceDetector.create(opts);
      const slots: Slot[] = []; // frames accepted, in arrival order, not yet emitted
      let next = 0; // index in `slots` of the next frame to start
      let inFlight = 0;
      let sourceDone = false;
      let concurrency = opts.concurrency ?? 1;

      const fail = (err: unknown): void => {
        if (closed) return;
        closed = true;
        sub.error(err);
      };
      const flush = (): void => {
        while (slots.length > 0 && slots[0]!.faces !== undefined) {
          const s = slots.shift()!;
          next--;
          sub.next(withResults(s.frame, { faces: s.faces }) as FrameWithFaces);
          if (closed) return;
        }
        if (sourceDone && slots.length === 0) {
          closed = true;
          sub.complete();
        }
      };
      const pump = (): void => {
        if (!detector || closed) return;
        while (inFlight < concurrency && next < slots.length) {
          const slot = slots[next++]!;
          inFlight++;
          detector.detect(slot.frame).then(
            (faces) => {
              if (closed) return;
              inFlight--;
              slot.faces = faces;
              flush();
              pump();
            },
            fail,
          );
        }
      };

      if (created) {
        created.then(
          (d) => {
            if (closed) {
              void d.dispose();
              return;
            }
            detector = d;
            concurrency = opts.concurrency ?? Math.max(1, d.workers);
            pump();
            flush();
          },
          fail,
        );
      } else {
        concurrency = opts.concurrency ?? Math.max(1, given!.workers);
      }

      const inner = source.subscribe({
        next: (frame) => {
          if (closed) return;
          slots.push({ frame, faces: undefined });
          pump();
        },
        error: fail,
        complete: () => {
          sourceDone = true;
          if (!closed && detector) flush();
        },
      });

      return () => {
        closed = true;
        inner.unsubscribe();
        if (created) created.then((d) => d.dispose(), () => undefined);
      };
    });
}
