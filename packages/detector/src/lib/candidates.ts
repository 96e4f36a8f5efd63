/**
 * A growable set of detection candidates in structure-of-arrays form: boxes as interleaved
 * `x1, y1, x2, y2`, one score each, and optionally 5 keypoints (10 floats) each. Decoders fill it,
 * NMS reads it. Reuse one per detector to avoid per-frame allocation.
 */
export interface Candidates {
  /** Number of valid candidates (the arrays may be longer). */
  count: number;
  boxes: Float32Array;
  scores: Float32Array;
  /** `count * 10` floats when the model has keypoints, else an empty array. */
  keypoints: Float32Array;
  /** Whether keypoints are filled. */
  readonly hasKeypoints: boolean;
}

/**
 * Make an empty candidate buffer with room for `capacity` candidates (it grows on demand).
 *
 * ## Example
 * ```ts
 * const c = createCandidates(256, true);
 * c.count; // 0
 * ```
 */
export function createCandidates(capacity = 256, hasKeypoints = false): Candidates {
  const cap = Math.max(1, capacity | 0);
  return {
    count: 0,
    boxes: new Float32Array(cap * 4),
    scores: new Float32Array(cap),
    keypoints: new Float32Array(hasKeypoints ? cap * 10 : 0),
    hasKeypoints,
  };
}

/** Make sure `c` can hold `n` candidates, keeping the first `c.count`. @internal */
export function reserveCandidates(c: Candidates, n: number): void {
  if (n <= c.scores.length) return;
  const cap = Math.max(n, c.scores.length * 2);
  const boxes = new Float32Array(cap * 4);
  boxes.set(c.boxes.subarray(0, c.count * 4));
  const scores = new Float32Array(cap);
  scores.set(c.scores.subarray(0, c.count));
  c.boxes = boxes;
  c.scores = scores;
  if (c.hasKeypoints) {
    const kps = new Float32Array(cap * 10);
    kps.set(c.keypoints.subarray(0, c.count * 10));
    c.keypoints = kps;
  }
}
