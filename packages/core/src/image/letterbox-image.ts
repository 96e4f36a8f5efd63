import { assertInteger, assertOneOf } from '../shared/assert.js';
import { assertImage } from './crop-image.js';
import type { FillMode, ImageData8 } from '../tensor/image.js';
import { padImage } from './pad-image.js';
import { resizeImage } from './resize-image.js';

/** Options of {@link letterboxImage}. */
export interface LetterboxOptions {
  /** Fill of the padded band (default `'constant'`). */
  readonly mode?: FillMode;
  /** Constant fill value, one number or one per channel (default 0). */
  readonly value?: number | readonly number[];
  /** Interpolation used to scale the content (default `'bilinear'`). */
  readonly resize?: 'bilinear' | 'bicubic';
}

/** Result of {@link letterboxImage}. */
export interface LetterboxedImage {
  /** The `width x height` image: scaled content at the top-left, padding right and bottom. */
  readonly image: ImageData8;
  /** Content pixels per source pixel: `min(width / srcWidth, height / srcHeight)`. Map back with `x / scale`. */
  readonly scale: number;
  /** Width of the scaled content, `round(srcWidth * scale)` (at most `width`). */
  readonly contentWidth: number;
  /** Height of the scaled content, `round(srcHeight * scale)` (at most `height`). */
  readonly contentHeight: number;
}

/**
 * Fit an image into `width x height` keeping its aspect ratio: scale by
 * `min(width / w, height / h)`, place the content at the top-left and pad the right and bottom
 * (YuNet/SCRFD style, so box coordinates only need dividing by `scale`).
 *
 * ## Example
 * ```ts
 * const { image, scale, contentWidth, contentHeight } = letterboxImage(frame1280x720, 640, 640);
 * scale;          // 0.5
 * contentHeight;  // 360 (rows 360..639 are padding)
 * ```
 * @param src Source image.
 * @param width Target width, integer >= 1.
 * @param height Target height, integer >= 1.
 * @param options Padding fill and value, resize kernel.
 * @throws {RangeError} for non-positive sizes or unknown options.
 */
export function letterboxImage(src: ImageData8, width: number, height: number, options: LetterboxOptions = {}): LetterboxedImage {
  assertImage(src, 'src');
  assertInteger(width, 'width', 1);
  assertInteger(height, 'height', 1);
  const kernel = options.resize ?? 'bilinear';
  assertOneOf(kernel, 'resize', ['bilinear', 'bicubic'] as const);
  const scale = Math.min(width / src.width, height / src.height);
  const contentWidth = Math.min(width, Math.max(1, Math.round(src.width * scale)));
  const contentHeight = Math.min(height, Math.max(1, Math.round(src.height * scale)));
  const content = contentWidth === src.width && contentHeight === src.height ? src : resizeImage(src, contentWidth, contentHeight, { kernel });
  const image =
    contentWidth === width && contentHeight === height
      ? content
      : padImage(content, { right: width - contentWidth, bottom: height - contentHeight }, { mode: options.mode ?? 'constant', value: options.value ?? 0 });
  return { image, scale, contentWidth, contentHeight };
}
