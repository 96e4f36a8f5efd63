import { Observable, type MonoTypeOperatorFunction } from '../shared/rxjs.js';

/** Whoever lent a frame's pixel buffer out (internal: readFrames' per-subscription controller). */
export interface FrameLender {
  /** Give the buffer back; false when it was already given back or the lender is gone. */
  giveBack(data: Uint8Array): boolean;
}

// Keyed by the pixel buffer, not the frame object: `withResults` makes new frame objects that share
// `data`, so a frame can be released at the end of a pipeline that rebuilt it several times.
const lenders = new WeakMap<Uint8Array, FrameLender>();

/** Record that `data` was lent out by `lender` until {@link releaseFrame} (internal). */
export function lendFrameData(data: Uint8Array, lender: FrameLender): void {
  lenders.set(data, lender);
}

/**
 * Tell the decoder that produced `frame` that downstream is done with it, so it may decode more.
 *
 * Only needed with `readFrames(input, { release: 'manual' })`: there the decoder keeps at most
 * `maxInFlight` frames emitted-but-not-released and pauses ffmpeg until one is released. Works on
 * any frame that still shares the decoded pixel buffer (e.g. after `withResults`). Releasing twice,
 * or a frame that did not come from a manual-release `readFrames`, is a harmless no-op.
 *
 * ## Example
 * ```ts
 * readFrames('clip.mp4', { release: 'manual', maxInFlight: 4 })
 *   .pipe(concatMap(async (frame) => { await work(frame); releaseFrame(frame); return frame.index; }))
 *   .subscribe();
 * ```
 * @returns true when this call released the frame, false when there was nothing to release.
 */
export function releaseFrame(frame: { readonly data: Uint8Array }): boolean {
  const lender = lenders.get(frame.data);
  if (!lender) return false;
  lenders.delete(frame.data);
  return lender.giveBack(frame.data);
}

/**
 * Operator that passes each frame on and releases it (see {@link releaseFrame}) as soon as the
 * downstream `next` returns. Put it at the END of a pipeline started by
 * `readFrames(input, { release: 'manual' })`: the decoder then runs at most `maxInFlight` frames
 * ahead of the slowest stage in between, however the stages buffer.
 *
 * Stages that drop frames (`filter`, `exhaustMap`, ...) must release the frames they drop
 * themselves, or the decoder stalls once `maxInFlight` frames are lost.
 *
 * ## Example
 * ```ts
 * readFrames('clip.mp4', { release: 'manual', maxInFlight: 8 }).pipe(
 *   concatMap((frame) => detect(frame)), // slow, async
 *   releaseFrames(),
 * ).subscribe((frame) => draw(frame));
 * ```
 */
export function releaseFrames<T extends { readonly data: Uint8Array }>(): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((subscriber) =>
      source.subscribe({
        next(frame) {
          try {
            subscriber.next(frame);
          } finally {
            releaseFrame(frame);
          }
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      }),
    );
}
