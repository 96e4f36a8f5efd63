import type { ImageData8 } from '@facepipe/core';
import { setPixel, type Rgb } from './rgb.js';

// 3x5 bitmap glyphs, one row per entry, 3 bits per row (MSB = left column).
const GLYPHS: Record<string, readonly number[]> = {
  '0': [7, 5, 5, 5, 7],
  '1': [2, 6, 2, 2, 7],
  '2': [7, 1, 7, 4, 7],
  '3': [7, 1, 7, 1, 7],
  '4': [5, 5, 7, 1, 1],
  '5': [7, 4, 7, 1, 7],
  '6': [7, 4, 7, 5, 7],
  '7': [7, 1, 2, 2, 2],
  '8': [7, 5, 7, 5, 7],
  '9': [7, 5, 7, 1, 7],
  '#': [5, 7, 5, 7, 5],
  '-': [0, 0, 7, 0, 0],
  '.': [0, 0, 0, 0, 2],
  ':': [0, 2, 0, 2, 0],
  '%': [5, 1, 2, 4, 5],
  ' ': [0, 0, 0, 0, 0],
};

/**
 * Width in pixels of `text` drawn by {@link drawText} at `scale`.
 *
 * ## Example
 * ```ts
 * textWidth('18', 2); // 14
 * ```
 */
export function textWidth(text: string, scale = 2): number {
  return text.length === 0 ? 0 : (text.length * 4 - 1) * scale;
}

/**
 * Draw `text` (digits and `# - . : %`; other characters are skipped as blanks) with a built-in
 * 3x5 bitmap font, top-left corner at `(x, y)`, each font pixel `scale` x `scale` image pixels. An
 * optional `background` fills the text box first (1 px margin) for contrast.
 *
 * ## Example
 * ```ts
 * drawText(image, 12, 4, '#3', [255, 255, 255], 2, [0, 0, 0]);
 * ```
 */
export function drawText(image: ImageData8, x: number, y: number, text: string, color: Rgb, scale = 2, background?: Rgb): void {
  const { data, width, height, channels } = image;
  const x0 = Math.round(x);
  const y0 = Math.round(y);
  const s = Math.max(1, Math.round(scale));
  if (background) {
    const w = textWidth(text, s);
    for (let py = y0 - 1; py < y0 + 5 * s + 1; py++) for (let px = x0 - 1; px < x0 + w + 1; px++) setPixel(data, width, height, channels, px, py, background);
  }
  for (let c = 0; c < text.length; c++) {
    const glyph = GLYPHS[text[c]!];
    if (!glyph) continue;
    const gx = x0 + c * 4 * s;
    for (let row = 0; row < 5; row++) {
      const bits = glyph[row]!;
      for (let col = 0; col < 3; col++) {
        if (!(bits & (4 >> col))) continue;
        for (let dy = 0; dy < s; dy++) for (let dx = 0; dx < s; dx++) setPixel(data, width, height, channels, gx + col * s + dx, y0 + row * s + dy, color);
      }
    }
  }
}
