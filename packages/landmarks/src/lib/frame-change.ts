import type { ImageData8 } from '@facepipe/core';

/** Sample grid of {@link FrameChange}: this many columns x rows of pixels. */
const COLS = 32;
const ROWS = 18;

/**
 * How much a frame differs from the one before it, cheaply (internal to {@link trackLandmarks}):
 * the mean absolute luma difference over a fixed 32x18 grid of pixels, in [0, 1]. A scene cut
 * gives a large value, so new faces may have appeared; ordinary motion a small one. Two reused
 * sample buffers, no allocation per frame.
 * @internal
 */
export class FrameChange {
  private prev = new Float32Array(COLS * ROWS);
  private next = new Float32Array(COLS * ROWS);
  private seen = false;

  /** Change of `image` against the previous image given (1 for the first one). */
  measure(image: ImageData8): number {
    const { data, width, height } = image;
    const ch = data.length / (width * height);
    const s = this.next;
    let k = 0;
    for (let r = 0; r < ROWS; r++) {
      const y = Math.min(height - 1, Math.floor(((r + 0.5) * height) / ROWS));
      for (let c = 0; c < COLS; c++) {
        const x = Math.min(width - 1, Math.floor(((c + 0.5) * width) / COLS));
        const i = (y * width + x) * ch;
        s[k++] = ch >= 3 ? (data[i]! + 2 * data[i + 1]! + data[i + 2]!) / 4 : data[i]!;
      }
    }
    let sum = 0;
    for (let j = 0; j < s.length; j++) sum += Math.abs(s[j]! - this.prev[j]!);
    [this.prev, this.next] = [s, this.prev];
    const first = !this.seen;
    this.seen = true;
    return first ? 1 : sum / s.length / 255;
  }
}
