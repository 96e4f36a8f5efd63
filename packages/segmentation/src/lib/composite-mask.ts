import { assertBufferLength, ShapeMismatchError, type ImageData8 } from '@facepipe/core';
import type { Mask } from './mask.js';

/** An RGB colour, each channel 0..255. */
export type RgbColor = readonly [number, number, number];

function checkRgb(image: ImageData8, subject: string): void {
  if (image.channels !== 3) throw new ShapeMismatchError(`${subject} channels`, '3 (RGB)', String(image.channels));
  const n = image.width * image.height * 3;
  if (image.data.length !== n) throw new ShapeMismatchError(`${subject} buffer of ${image.width}x${image.height}x3`, `${n} bytes`, `${image.data.length} bytes`);
}

/**
 * Alpha-blend a foreground over a background with a mask, per pixel
 * `out = (fg * a + bg * (255 - a)) / 255` (rounded), in one pass.
 *
 * ## Example
 * ```ts
 * const green = compositeMask(frame, [0, 177, 64], mask);          // green-screen
 * const blurred = compositeMask(frame, boxBlur(frame, 10, { passes: 3 }), mask);
 * ```
 * @param foreground - RGB image kept where the mask is 255 (the person).
 * @param background - RGB image of the same size, or a solid colour.
 * @param mask - Alpha at the foreground's size.
 * @returns A new RGB image (or `out`).
 * @throws {ShapeMismatchError} when an image is not RGB or the mask/background size differs from the foreground's.
 */
export function compositeMask(foreground: ImageData8, background: ImageData8 | RgbColor, mask: Mask, options: { out?: Uint8Array } = {}): ImageData8 {
  checkRgb(foreground, 'foreground image');
  const { width: w, height: h } = foreground;
  if (mask.width !== w || mask.height !== h || mask.data.length !== w * h) {
    throw new ShapeMismatchError('mask size', `${w}x${h} (the frame size)`, `${mask.width}x${mask.height} with ${mask.data.length} bytes`);
  }
  const out = options.out ?? new Uint8Array(w * h * 3);
  assertBufferLength(out, 'out', w * h * 3);
  const fg = foreground.data;
  const a = mask.data;
  const hw = w * h;
  const inv = 1 / 255;
  if (Array.isArray(background) || !('data' in background)) {
    const [r, g, b] = background as RgbColor;
    for (let p = 0, i = 0; p < hw; p++, i += 3) {
      const al = a[p]!, be = 255 - al;
      out[i] = (fg[i]! * al + r * be) * inv + 0.5;
      out[i + 1] = (fg[i + 1]! * al + g * be) * inv + 0.5;
      out[i + 2] = (fg[i + 2]! * al + b * be) * inv + 0.5;
    }
  } else {
    const bgImage = background as ImageData8;
    checkRgb(bgImage, 'background image');
    if (bgImage.width !== w || bgImage.height !== h) throw new ShapeMismatchError('background size', `${w}x${h} (the frame size)`, `${bgImage.width}x${bgImage.height}`);
    const bg = bgImage.data;
    for (let p = 0, i = 0; p < hw; p++, i += 3) {
      const al = a[p]!, be = 255 - al;
      out[i] = (fg[i]! * al + bg[i]! * be) * inv + 0.5;
      out[i + 1] = (fg[i + 1]! * al + bg[i + 1]! * be) * inv + 0.5;
      out[i + 2] = (fg[i + 2]! * al + bg[i + 2]! * be) * inv + 0.5;
    }
  }
  return { width: w, height: h, channels: 3, data: out };
}
