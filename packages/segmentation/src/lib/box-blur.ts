import { assertBufferLength, assertInteger, ShapeMismatchError, type ImageData8 } from '@facepipe/core';

/** Options of {@link boxBlur}. */
export interface BoxBlurOptions {
  /**
   * Box passes (default 1). Three passes of a box of radius r approximate a gaussian with
   * sigma = sqrt(3 * ((2r + 1)^2 - 1) / 12) = sqrt(r * (r + 1)).
   */
  readonly passes?: number;
  /** Preallocated output, `width * height * channels` bytes (may not alias `src.data`). */
  readonly out?: Uint8Array;
}

function horizontal(src: Uint8Array, dst: Uint8Array, w: number, h: number, c: number, r: number): void {
  const inv = 1 / (2 * r + 1);
  const last = w - 1;
  for (let y = 0; y < h; y++) {
    const row = y * w * c;
    for (let k = 0; k < c; k++) {
      const base = row + k;
      // window [x - r, x + r] with replicated edges
      let sum = (r + 1) * src[base]!;
      for (let i = 1; i <= r; i++) sum += src[base + (i < last ? i : last) * c]!;
      for (let x = 0, o = base; x < w; x++, o += c) {
        dst[o] = sum * inv + 0.5;
        const add = x + r + 1;
        const sub = x - r;
        sum += src[base + (add < last ? add : last) * c]! - src[base + (sub > 0 ? sub : 0) * c]!;
      }
    }
  }
}

function vertical(src: Uint8Array, dst: Uint8Array, w: number, h: number, c: number, r: number, sums: Float64Array): void {
  const inv = 1 / (2 * r + 1);
  const stride = w * c;
  const last = h - 1;
  for (let i = 0; i < stride; i++) sums[i] = (r + 1) * src[i]!;
  for (let j = 1; j <= r; j++) {
    const row = (j < last ? j : last) * stride;
    for (let i = 0; i < stride; i++) sums[i] += src[row + i]!;
  }
  for (let y = 0; y < h; y++) {
    const o = y * stride;
    const add = y + r + 1;
    const sub = y - r;
    const ra = (add < last ? add : last) * stride;
    const rs = (sub > 0 ? sub : 0) * stride;
    for (let i = 0; i < stride; i++) {
      const s = sums[i]!;
      dst[o + i] = s * inv + 0.5;
      sums[i] = s + src[ra + i]! - src[rs + i]!;
    }
  }
}

/**
 * Separable box blur of an 8-bit interleaved image (any channel count), edges replicated, in
 * O(1) per pixel whatever the radius (running sums). `passes: 3` gives a close gaussian
 * approximation at three times the cost of one pass.
 *
 * ## Example
 * ```ts
 * const soft = boxBlur(frame, 8, { passes: 3 }); // ~gaussian, sigma ≈ 8.5 px
 * ```
 * @param src - Image to blur (not modified).
 * @param radius - Box half-width in pixels (0 copies the image).
 * @returns A new image (or `out`) of the same size and channels.
 * @throws {RangeError} for a negative/non-integer radius or passes, or a wrong-sized `out`.
 * @throws {ShapeMismatchError} when `src.data` does not hold `width * height * channels` bytes.
 */
export function boxBlur(src: ImageData8, radius: number, options: BoxBlurOptions = {}): ImageData8 {
  assertInteger(radius, 'radius', 0);
  const passes = options.passes ?? 1;
  assertInteger(passes, 'passes', 1, 8);
  const { width: w, height: h, channels: c, data } = src;
  const n = w * h * c;
  if (data.length !== n) throw new ShapeMismatchError(`image buffer of ${w}x${h}x${c}`, `${n} bytes`, `${data.length} bytes`);
  const out = options.out ?? new Uint8Array(n);
  assertBufferLength(out, 'out', n);
  if (radius === 0) {
    out.set(data);
    return { width: w, height: h, channels: c, data: out };
  }
  // Radii beyond the image size behave like the image size (edge replication saturates).
  const rx = Math.min(radius, 4 * w);
  const ry = Math.min(radius, 4 * h);
  const tmp = new Uint8Array(n);
  const sums = new Float64Array(w * c);
  let from: Uint8Array = data;
  for (let p = 0; p < passes; p++) {
    horizontal(from, tmp, w, h, c, rx);
    vertical(tmp, out, w, h, c, ry, sums);
    from = out;
  }
  return { width: w, height: h, channels: c, data: out };
}
