/**
 * An interleaved 8-bit image (HWC): `data[(y * width + x) * channels + c]`.
 * A {@link Frame} is an `ImageData8` with 3 channels (RGB).
 */
export interface ImageData8 {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3 | 4;
  readonly data: Uint8Array;
}

/** An axis-aligned rectangle in pixels (top-left corner, size). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** How pixels outside the source are filled: a constant value, or the nearest edge pixel (replicate), or mirrored (reflect, edge not repeated). */
export type FillMode = 'constant' | 'edge' | 'reflect';
