import type { ImageData8 } from '@facepipe/core';
import type { Rgb } from './rgb.js';

/**
 * Tint the pixels of an RGB(A) image where a person mask is set, in place:
 * `pixel = pixel * (1 - a * m) + color * a * m` with `m = mask / 255`. The mask is one byte per
 * pixel at any resolution; it is sampled nearest-neighbour when its size differs from the image.
 *
 * ## Example
 * ```ts
 * blendMask(frameCopy, { width: 256, height: 256, data: maskBytes }, [0, 160, 255], 0.4);
 * ```
 */
export function blendMask(image: ImageData8, mask: { width: number; height: number; data: ArrayLike<number> }, color: Rgb, alpha = 0.4): void {
  const { data, width, height, channels } = image;
  const mw = mask.width;
  const mh = mask.height;
  const md = mask.data;
  const a = alpha / 255;
  const same = mw === width && mh === height;
  for (let y = 0; y < height; y++) {
    const my = same ? y : Math.min(mh - 1, Math.floor(((y + 0.5) * mh) / height));
    for (let x = 0; x < width; x++) {
      const mx = same ? x : Math.min(mw - 1, Math.floor(((x + 0.5) * mw) / width));
      const m = md[my * mw + mx]!;
      if (m === 0) continue;
      const k = m * a;
      const i = (y * width + x) * channels;
      data[i] = data[i]! + (color[0] - data[i]!) * k;
      data[i + 1] = data[i + 1]! + (color[1] - data[i + 1]!) * k;
      data[i + 2] = data[i + 2]! + (color[2] - data[i + 2]!) * k;
    }
  }
}
