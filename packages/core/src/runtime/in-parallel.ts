import { connect, map, zip, type OperatorFunction } from '../shared/rxjs.js';

/**
 * RxJS operator: feed every source value to two branches at the same time and merge their outputs
 * pairwise, in order. Each branch must emit exactly one value per source value, in source order
 * (as `mapOrdered` and facepipe's stage operators do); the n-th outputs of both go to `merge`.
 *
 * Use it for stages that do not depend on each other, so a frame's latency is the slower branch's
 * instead of the sum: portrait segmentation needs no faces, so `facepipe run` segments a frame while
 * the face stages work on it (one 1-frame run of all four stages, and every live frame, waits for
 * max(segment, detect → landmarks → pose), not both).
 *
 * Both branches are subscribed before the source is (`connect`), so a synchronous source reaches
 * both. Outputs one branch produces ahead of the other wait in the operator (as many as the values
 * in flight between them). An error in either branch or in `merge` errors the output and
 * unsubscribes both branches and the source; unsubscribing the output does the same.
 *
 * ## Example
 * ```ts
 * readFrames('clip.mp4').pipe(
 *   inParallel(
 *     pipe(detectFaces({ detector }), detectLandmarks({ detector: landmarks })),
 *     segmentPortrait({ segmenter }),
 *     (faces, masked) => withResults(faces, { mask: masked.results.mask }),
 *   ),
 * );
 * ```
 * @param first one branch (its outputs are `merge`'s first argument).
 * @param second the other branch.
 * @param merge combines the n-th outputs of both branches (it may throw: the error goes to `error`).
 */
export function inParallel<T, A, B, R>(first: OperatorFunction<T, A>, second: OperatorFunction<T, B>, merge: (a: A, b: B) => R): OperatorFunction<T, R> {
  return (source) => source.pipe(connect((shared) => zip(first(shared), second(shared)).pipe(map(([a, b]) => merge(a, b)))));
}
