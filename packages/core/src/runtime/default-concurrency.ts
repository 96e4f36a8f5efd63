/**
 * The one default for how many frames a stage operator keeps in inference at once: one per worker
 * of its model (`workers` of the model object passed in, else the `workers` option, default 1), at
 * least 1 (`workers: 0` runs in this thread, one frame at a time). `detectFaces`, `detectLandmarks`,
 * `estimatePose` and `segmentPortrait` all use it; an explicit `concurrency` option overrides it.
 *
 * ## Example
 * ```ts
 * defaultConcurrency(2);         // 2
 * defaultConcurrency(0);         // 1
 * defaultConcurrency(undefined); // 1 (models default to one worker)
 * ```
 */
export function defaultConcurrency(workers: number | undefined): number {
  return Math.max(1, workers ?? 1);
}
