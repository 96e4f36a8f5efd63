import type { ImageData8 } from '@facepipe/core';
import { drawLine } from './draw-line.js';
import type { Rgb } from './rgb.js';

/**
 * Draw the outline of the rectangle with corners `(x1, y1)`, `(x2, y2)` in place.
 *
 * ## Example
 * ```ts
 * drawRect(image, 10, 10, 60, 80, [0, 255, 0], 2);
 * ```
 */
export function drawRect(image: ImageData8, x1: number, y1: number, x2: number, y2: number, color: Rgb, thickness = 1): void {
  drawLine(image, x1, y1, x2, y1, color, thickness);
  drawLine(image, x2, y1, x2, y2, color, thickness);
  drawLine(image, x2, y2, x1, y2, color, thickness);
  drawLine(image, x1, y2, x1, y1, color, thickness);
}
