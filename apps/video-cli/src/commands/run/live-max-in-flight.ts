/**
 * The default `--max-in-flight` of `run --live` for the chosen stages: 2 when more than one stage
 * runs, so the detector works on the next frame while landmarks, pose or the mask finish the
 * current one (the stages overlap; with one frame at a time a 4-face frame of detect+landmarks+pose
 * took longer than a 30 fps frame interval and frames were dropped), else 1 (one model gains
 * nothing from a second frame, which would only wait).
 *
 * ## Example
 * ```ts
 * liveMaxInFlight(['detect']); // 1
 * liveMaxInFlight(['detect', 'landmarks', 'pose']); // 2
 * ```
 */
export function liveMaxInFlight(stages: readonly string[]): number {
  return new Set(stages).size > 1 ? 2 : 1;
}
