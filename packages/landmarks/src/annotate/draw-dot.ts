import type { ImageData8 } from '@facepipe/core';
import { setPixel, type Rgb } from './rgb.js';

/**
 * Fill a disc of `radius` px centred on `(cx, cy)` in place.
 *
 * ## Example
 * ```ts
 * drawDot(image, 50, 40, 2, [255, 255, 0]);
 * ```
 */
export function drawDot(image: ImageData8, cx: number, cy: number, radius: number, color: Rgb): void {
  if (!Number.isFinite(cx) || !Number.isFinite(cy)) return;
  const x0 = Math.round(cx);
  const y0 = Math.round(cy);
  const r = Math.max(0, Math.round(radius));
  const r2 = r * r + r;
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) {
      if (dx * dx + dy * dy <= r2) setPixel(image.data, image.width, image.height, image.channels, x0 + dx, y0 + dy, color);
    }
  }
}
