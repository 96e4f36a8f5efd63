/**
 * The default `--max-in-flight` of `run --live` for the chosen stages: 2 when several stages run
 * and none of them alone outlasts a frame interval, so the detector works on the next frame while
 * landmarks and pose finish the current one (one frame at a time, a 4-face frame of
 * detect+landmarks+pose took longer than a 30 fps interval and frames were dropped); else 1. With
 * segmentation (about 40 ms a frame on 2 cores) the pipeline cannot keep up with 30 fps anyway, and
 * a second frame would only wait behind the segmenter: measured, p95 latency 140 ms against 117 ms
 * with one frame, above the "2 frame intervals + one inference" bound. One model gains nothing
 * from a second frame either.
 *
 * ## Example
 * ```ts
 * liveMaxInFlight(['detect']); // 1
 * liveMaxInFlight(['detect', 'landmarks', 'pose']); // 2
 * liveMaxInFlight(['detect', 'landmarks', 'pose', 'segment']); // 1
 * ```
 */
export function liveMaxInFlight(stages: readonly string[]): number {
  return new Set(stages).size > 1 && !stages.includes('segment') ? 2 : 1;
}
