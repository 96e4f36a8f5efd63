/**
 * Intersection over union of two boxes stored as `x1, y1, x2, y2` at offsets `i` and `j` of
 * interleaved arrays (scalar reads, no allocation). Empty or inverted boxes have area 0; the IoU
 * of two empty boxes is 0.
 *
 * ## Example
 * ```ts
 * const b = new Float32Array([0, 0, 10, 10, 5, 0, 15, 10]);
 * boxIou(b, 0, b, 4); // 50 / 150 = 0.333…
 * ```
 */
export function boxIou(a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number): number {
  const ax1 = a[i]!, ay1 = a[i + 1]!, ax2 = a[i + 2]!, ay2 = a[i + 3]!;
  const bx1 = b[j]!, by1 = b[j + 1]!, bx2 = b[j + 2]!, by2 = b[j + 3]!;
  const iw = Math.min(ax2, bx2) - Math.max(ax1, bx1);
  const ih = Math.min(ay2, by2) - Math.max(ay1, by1);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  const areaA = Math.max(0, ax2 - ax1) * Math.max(0, ay2 - ay1);
  const areaB = Math.max(0, bx2 - bx1) * Math.max(0, by2 - by1);
  const union = areaA + areaB - inter;
  return union > 0 ? inter / union : 0;
}
