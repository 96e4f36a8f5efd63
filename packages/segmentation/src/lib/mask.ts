import type { Frame } from '@facepipe/core';

/**
 * A person mask (alpha matte) at frame size: which pixels belong to the person.
 *
 * `data[y * width + x]` is the alpha, 0 (background) … 255 (person). Masks are values: stages never
 * write into a mask they were given.
 */
export interface Mask {
  readonly width: number;
  readonly height: number;
  /** Alpha per pixel, 0..255, `width * height` bytes. */
  readonly data: Uint8Array;
  /** Fraction of pixels with alpha >= 128, in [0, 1]. */
  readonly coverage: number;
}

declare module '@facepipe/core' {
  interface FrameResults {
    /** Person mask at frame size (set by `segmentPortrait`). */
    mask?: Mask;
  }
}

/** A frame that went through `segmentPortrait`. */
export type FrameWithMask = Frame & { readonly results: { readonly mask: Mask } };
