/**
 * Person probability at model resolution, as the segmentation network produced it (after the
 * activation), plus where the frame's content sits in it.
 */
export interface ProbabilityMap {
  /** Map size (the network input size). */
  readonly width: number;
  readonly height: number;
  /** Person probability in [0, 1] per map pixel, `width * height` floats. */
  readonly data: Float32Array;
  /**
   * Size, in map pixels, of the region at the map's top-left that shows the frame (the rest is
   * padding). Equal to `width`/`height` for squashed inputs; may be fractional.
   */
  readonly contentWidth: number;
  readonly contentHeight: number;
  /**
   * Luma (0..255) of the network input at map resolution, `width * height` bytes: the temporal
   * smoother's motion guide.
   */
  readonly guide?: Uint8Array;
}
