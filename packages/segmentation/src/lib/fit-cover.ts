import { cropImage, resizeImage, type ImageData8 } from '@facepipe/core';

/**
 * Internal: scale `image` to cover `width x height` keeping its aspect ratio and crop the centre
 * (CSS `object-fit: cover`).
 */
export function fitCover(image: ImageData8, width: number, height: number): ImageData8 {
  if (image.width === width && image.height === height) return image;
  const scale = Math.max(width / image.width, height / image.height);
  const cw = Math.min(image.width, Math.max(1, Math.round(width / scale)));
  const ch = Math.min(image.height, Math.max(1, Math.round(height / scale)));
  const x = Math.floor((image.width - cw) / 2);
  const y = Math.floor((image.height - ch) / 2);
  const crop = cw === image.width && ch === image.height ? image : cropImage(image, { x, y, width: cw, height: ch });
  return resizeImage(crop, width, height);
}
