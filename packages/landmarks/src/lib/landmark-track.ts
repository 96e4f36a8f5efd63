import { boxIou } from '@facepipe/core';

/** A face box `[x1, y1, x2, y2]` in frame pixels. */
type Box = readonly [number, number, number, number];

/** Centre and spread of a landmark set: the mean point and the RMS distance from it. @internal */
function spread(points: Float32Array): { cx: number; cy: number; s: number } {
  const n = points.length >> 1;
  let sx = 0, sy = 0;
  for (let i = 0; i < n; i++) {
    sx += points[2 * i]!;
    sy += points[2 * i + 1]!;
  }
  const cx = sx / n, cy = sy / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const dx = points[2 * i]! - cx, dy = points[2 * i + 1]! - cy;
    ss += dx * dx + dy * dy;
  }
  return { cx, cy, s: Math.sqrt(ss / n) };
}

/** Limits under which a landmark set still follows its face (see {@link LandmarkTrack.follow}). @internal */
export interface FollowLimits {
  /** Largest change of the landmarks' spread from one frame to the next, as a ratio (e.g. 1.3). */
  readonly maxScaleChange: number;
  /** Largest move of the landmarks' centre from one frame to the next, in face-box sizes (e.g. 0.5). */
  readonly maxShift: number;
}

/**
 * One face followed by its landmarks in {@link trackLandmarks} (internal). At every detection the
 * track records how the detector's box sits on the landmarks (the box centre's offset from the
 * landmarks' mean point, and the box size, both in units of the landmarks' RMS spread); between
 * detections the box of the next crop is the same relation applied to the newest landmarks. So the
 * crop a frame gets is the box the detector would have drawn around the previous frame's face.
 * @internal
 */
export class LandmarkTrack {
  /** Detector score of the last detection of this face. */
  score: number;
  /** Current box (frame pixels, not clamped): the crop box of the next frame. */
  box: [number, number, number, number];
  /** Box centre offset from the landmark mean and box size, in landmark spreads (set by {@link calibrate}). */
  private dx = 0;
  private dy = 0;
  private rw = 1;
  private rh = 1;
  private s = 0;
  private cx = 0;
  private cy = 0;

  constructor(box: Box, score: number, landmarks: Float32Array) {
    this.score = score;
    this.box = [box[0], box[1], box[2], box[3]];
    this.calibrate(box, score, landmarks);
  }

  /** Re-anchor on a detection: `landmarks` were computed from the crop of `box`. */
  calibrate(box: Box, score: number, landmarks: Float32Array): void {
    const { cx, cy, s } = spread(landmarks);
    const k = s > 0 ? 1 / s : 0;
    this.dx = ((box[0] + box[2]) / 2 - cx) * k;
    this.dy = ((box[1] + box[3]) / 2 - cy) * k;
    this.rw = (box[2] - box[0]) * k;
    this.rh = (box[3] - box[1]) * k;
    this.s = s;
    this.cx = cx;
    this.cy = cy;
    this.score = score;
    this.box = [box[0], box[1], box[2], box[3]];
  }

  /**
   * Take the landmarks found in the crop of {@link box} on the next frame. Returns false, leaving
   * the track unchanged, when they no longer look like the same face: non-finite, a spread that
   * changed by more than `maxScaleChange`, a centre that moved more than `maxShift` box sizes, or
   * a box whose centre left the `width x height` frame.
   */
  follow(landmarks: Float32Array, width: number, height: number, limits: FollowLimits): boolean {
    const { cx, cy, s } = spread(landmarks);
    if (!Number.isFinite(cx) || !Number.isFinite(cy) || !(s > 0) || !(this.s > 0)) return false;
    const r = s / this.s;
    if (r > limits.maxScaleChange || r < 1 / limits.maxScaleChange) return false;
    const size = Math.max(this.box[2] - this.box[0], this.box[3] - this.box[1]);
    if (Math.hypot(cx - this.cx, cy - this.cy) > limits.maxShift * size) return false;
    const bx = cx + this.dx * s, by = cy + this.dy * s, hw = (this.rw * s) / 2, hh = (this.rh * s) / 2;
    if (bx < 0 || by < 0 || bx >= width || by >= height) return false;
    this.box = [bx - hw, by - hh, bx + hw, by + hh];
    this.s = s;
    this.cx = cx;
    this.cy = cy;
    return true;
  }

  /** IoU of the current box with `box`. */
  iou(box: readonly number[]): number {
    return boxIou(this.box, 0, box, 0);
  }
}
