/**
 * The default `--max-in-flight` of `run --live` for the chosen stages: 2 when several stages run
 * and none of them alone outlasts a frame interval, so the detector works on the next frame while
 * landmarks and pose finish the current one (one frame at a time, a 4-face frame of
 * detect+landmarks+pose took longer than a 30 fps interval and frames were dropped); else 1. With
 * segmentation (about 40 ms a frame on 2 cores, beside the face stages) the pipeline cannot keep up
 * with 30 fps anyway, and a second frame would only wait behind the segmenter: measured on the live
 * bench's source, p95 latency 133 ms with two frames against 91 ms with one, the bound ("2 frame
 * intervals + one inference") being 119 ms. One model gains nothing from a second frame either.
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
