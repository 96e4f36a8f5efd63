/** An RGB colour, each channel 0..255. */
export type Rgb = readonly [number, number, number];

/**
 * Write one pixel of a 3- or 4-channel image (no-op outside the image).
 *
 * ## Example
 * ```ts
 * setPixel(img.data, img.width, img.height, 3, 10, 5, [255, 0, 0]);
 * ```
 */
export function setPixel(data: Uint8Array, width: number, height: number, channels: number, x: number, y: number, color: Rgb): void {
  if (x < 0 || y < 0 || x >= width || y >= height) return;
  const i = (y * width + x) * channels;
  data[i] = color[0];
  data[i + 1] = color[1];
  data[i + 2] = color[2];
}
