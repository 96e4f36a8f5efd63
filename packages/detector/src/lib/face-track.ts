import { boxIou } from '@facepipe/core';

/** Scratch for a track's predicted box (single-threaded: reused by every IoU). */
const PREDICTED = new Float64Array(4);

/**
 * One track of {@link trackFaces} (internal): the last box as centre/size with a smoothed
 * constant-velocity model on all four (so a zoom changes the predicted size as a pan moves the
 * centre), coasting on the scene's motion while the face is unseen, and the hit/miss counters of the tentative → confirmed → lost life cycle.
 * @internal
 */
export class FaceTrack {
  /** 0 while tentative. */
  id = 0;
  hits = 1;
  misses = 0;
  cx: number;
  cy: number;
  w: number;
  h: number;
  vx = 0;
  vy = 0;
  vw = 0;
  vh = 0;
  /** Prediction for the current frame (set by {@link predict}). */
  px = 0;
  py = 0;
  pw = 0;
  ph = 0;

  constructor(box: readonly number[]) {
    this.cx = (box[0]! + box[2]!) / 2;
    this.cy = (box[1]! + box[3]!) / 2;
    this.w = box[2]! - box[0]!;
    this.h = box[3]! - box[1]!;
  }

  /** Predict the current frame: one constant-velocity step (the size kept within [0.5, 2] x the last size). */
  predict(): void {
    this.px = this.cx + this.vx;
    this.py = this.cy + this.vy;
    this.pw = Math.min(2 * this.w, Math.max(0.5 * this.w, this.w + this.vw));
    this.ph = Math.min(2 * this.h, Math.max(0.5 * this.h, this.h + this.vh));
  }

  /**
   * Predict by the scene's motion instead of the track's own: the similarity `x' = s x + tx`,
   * `y' = s y + ty` (a camera pan and zoom) estimated from the other tracks of the frame.
   */
  follow(s: number, tx: number, ty: number): void {
    this.px = s * this.cx + tx;
    this.py = s * this.cy + ty;
    this.pw = s * this.w;
    this.ph = s * this.h;
  }

  /** A frame without a sighting: move the state to the prediction (its motion becomes the velocity). */
  coast(): void {
    this.vx = this.px - this.cx;
    this.vy = this.py - this.cy;
    this.vw = this.pw - this.w;
    this.vh = this.ph - this.h;
    this.cx = this.px;
    this.cy = this.py;
    this.w = this.pw;
    this.h = this.ph;
    this.misses++;
  }

  /** IoU of the prediction with `box` (`x1, y1, x2, y2`). */
  iou(box: readonly number[]): number {
    const p = PREDICTED;
    p[0] = this.px - this.pw / 2; p[1] = this.py - this.ph / 2; p[2] = this.px + this.pw / 2; p[3] = this.py + this.ph / 2;
    return boxIou(p, 0, box, 0);
  }

  /**
   * Distance of `box` from the prediction for re-finding a lost face: centre distance over the
   * predicted size (geometric mean of width and height), or Infinity when the sizes differ by more
   * than 1.5x.
   */
  distance(box: readonly number[]): number {
    const w = box[2]! - box[0]!, h = box[3]! - box[1]!;
    const s = Math.sqrt(this.pw * this.ph);
    const r = Math.sqrt(w * h) / s;
    if (!(r > 1 / 1.5 && r < 1.5)) return Infinity;
    return Math.hypot((box[0]! + box[2]!) / 2 - this.px, (box[1]! + box[3]!) / 2 - this.py) / s;
  }

  /** Whether the prediction lies wholly outside a `width x height` frame (the face left the view). */
  outside(width: number, height: number): boolean {
    return this.px + this.pw / 2 <= 0 || this.py + this.ph / 2 <= 0 || this.px - this.pw / 2 >= width || this.py - this.ph / 2 >= height;
  }

  /** Take `box` as the new sighting; `alpha` weighs the newest motion in the velocity. */
  update(box: readonly number[], alpha: number): void {
    const cx = (box[0]! + box[2]!) / 2, cy = (box[1]! + box[3]!) / 2, w = box[2]! - box[0]!, h = box[3]! - box[1]!;
    const dx = cx - this.cx, dy = cy - this.cy, dw = w - this.w, dh = h - this.h;
    // The first motion seen is taken whole; later ones are smoothed.
    const a = this.hits === 1 ? Math.min(1, 2 * alpha) : alpha;
    this.vx = a * dx + (1 - a) * this.vx;
    this.vy = a * dy + (1 - a) * this.vy;
    this.vw = a * dw + (1 - a) * this.vw;
    this.vh = a * dh + (1 - a) * this.vh;
    this.cx = cx;
    this.cy = cy;
    this.w = w;
    this.h = h;
    this.hits++;
    this.misses = 0;
  }
}
