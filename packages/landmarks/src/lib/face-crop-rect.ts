import type { Rect } from '@facepipe/core';

/** How a face box becomes the crop a model sees. */
export interface FaceCropPolicy {
  /** `'square'`: side `max(w, h) * scale` centred on the box (landmark models); `'box'`: the box itself scaled about its centre (FSA-Net). */
  readonly shape: 'square' | 'box';
  /** Scale about the box centre (1 = the box). */
  readonly scale: number;
}

/**
 * The integer pixel rectangle cropped around a face box. It may extend outside the frame (the
 * caller fills that area); its size is at least 1x1. Coordinates are rounded here so that
 * crop-space results map back exactly: `X = x * rect.width + rect.x`.
 *
 * ## Example
 * ```ts
 * faceCropRect([100, 50, 140, 110], { shape: 'square', scale: 1 }); // { x: 90, y: 50, width: 60, height: 60 }
 * ```
 * @throws never; a non-finite box yields a NaN rect, which callers reject beforehand.
 */
export function faceCropRect(box: readonly [number, number, number, number], policy: FaceCropPolicy): Rect {
  const [x1, y1, x2, y2] = box;
  const cx = (x1 + x2) / 2;
  const cy = (y1 + y2) / 2;
  let w = (x2 - x1) * policy.scale;
  let h = (y2 - y1) * policy.scale;
  if (policy.shape === 'square') w = h = Math.max(w, h);
  const width = Math.max(1, Math.round(w));
  const height = Math.max(1, Math.round(h));
  return { x: Math.round(cx - width / 2), y: Math.round(cy - height / 2), width, height };
}
