import { assertInteger, assertObject } from '../shared/assert.js';
import { assertImage, cropImage } from './crop-image.js';
import type { FillMode, ImageData8 } from '../tensor/image.js';

/** Border widths in pixels for {@link padImage} (each default 0). */
export interface Padding {
  readonly top?: number;
  readonly right?: number;
  readonly bottom?: number;
  readonly left?: number;
}

/** Options of {@link padImage}. */
export interface PadOptions {
  /** Border fill: constant value, replicated edge, or mirror without repeating the edge (default `'constant'`). */
  readonly mode?: FillMode;
  /** Constant fill value, one number or one per channel (default 0). */
  readonly value?: number | readonly number[];
  /** Preallocated output of `(width + left + right) * (height + top + bottom) * channels` bytes. */
  readonly out?: Uint8Array;
}

/**
 * Add a border around an 8-bit image (1, 3 or 4 channels). `'reflect'` mirrors about the edge
 * pixel without repeating it (OpenCV's `BORDER_REFLECT_101`, numpy's `'reflect'`): padding
 * `[1, 2, 3]` by 2 on each side gives `[3, 2, 1, 2, 3, 2, 1]`; `'edge'` gives `[1, 1, 1, 2, 3, 3, 3]`.
 * Borders wider than the image keep mirroring (period `2 * (n - 1)`).
 *
 * ## Example
 * ```ts
 * const row = { width: 3, height: 1, channels: 1, data: Uint8Array.of(1, 2, 3) } as const;
 * padImage(row, { left: 2, right: 2 }, { mode: 'reflect' }).data; // [3, 2, 1, 2, 3, 2, 1]
 * ```
 * @param src Source image.
 * @param padding Non-negative integer border widths.
 * @param options Fill mode, constant value, preallocated `out`.
 * @returns A new, larger image.
 * @throws {RangeError} for negative or fractional padding, an unknown mode or a wrong-sized `out`.
 * @throws {TypeError} for a malformed image or options.
 */
export function padImage(src: ImageData8, padding: Padding, options: PadOptions = {}): ImageData8 {
  assertImage(src, 'src');
  assertObject(padding, 'padding');
  const { top = 0, right = 0, bottom = 0, left = 0 } = padding;
  assertInteger(top, 'padding.top', 0);
  assertInteger(right, 'padding.right', 0);
  assertInteger(bottom, 'padding.bottom', 0);
  assertInteger(left, 'padding.left', 0);
  return cropImage(
    src,
    { x: -left, y: -top, width: src.width + left + right, height: src.height + top + bottom },
    { fill: options.mode ?? 'constant', value: options.value, out: options.out },
  );
}
