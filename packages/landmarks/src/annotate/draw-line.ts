import type { ImageData8 } from '@facepipe/core';
import { setPixel, type Rgb } from './rgb.js';

/**
 * Draw a straight line into an RGB(A) image in place (Bresenham; `thickness` px square pen),
 * clipped to the image.
 *
 * ## Example
 * ```ts
 * drawLine(image, 0, 0, 99, 49, [255, 0, 0], 2);
 * ```
 */
export function drawLine(image: ImageData8, x0: number, y0: number, x1: number, y1: number, color: Rgb, thickness = 1): void {
  const { data, width, height, channels } = image;
  if (![x0, y0, x1, y1].every(Number.isFinite)) return;
  let ax = Math.round(x0);
  let ay = Math.round(y0);
  const bx = Math.round(x1);
  const by = Math.round(y1);
  const dx = Math.abs(bx - ax);
  const dy = -Math.abs(by - ay);
  const sx = ax < bx ? 1 : -1;
  const sy = ay < by ? 1 : -1;
  let err = dx + dy;
  const lo = -Math.floor((thickness - 1) / 2);
  const hi = lo + Math.max(1, Math.round(thickness)) - 1;
  // guard against absurd coordinates (a diverged model) costing unbounded time
  let guard = 4 * (width + height) + dx - dy + 8;
  for (;;) {
    for (let oy = lo; oy <= hi; oy++) for (let ox = lo; ox <= hi; ox++) setPixel(data, width, height, channels, ax + ox, ay + oy, color);
    if ((ax === bx && ay === by) || --guard < 0) break;
    const e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      ax += sx;
    }
    if (e2 <= dx) {
      err += dx;
      ay += sy;
    }
  }
}
