import { assertBufferLength, assertInRange, ShapeMismatchError } from '@facepipe/core';

/** Options of {@link keepLargestComponent}. */
export interface KeepLargestComponentOptions {
  /** Values >= this are foreground (default 0.5). */
  readonly threshold?: number;
  /** Pixel connectivity (default 8). */
  readonly connectivity?: 4 | 8;
  /** Output buffer (may be `values` itself for in-place). Default: a new array. */
  readonly out?: Float32Array;
}

/**
 * Remove every foreground blob except the largest: values of foreground pixels (>= threshold)
 * outside the largest connected component are set to 0; everything else is copied unchanged.
 * Runs on a model-resolution probability map (a 256x256 map takes well under a millisecond), so
 * the clean-up happens before upsampling.
 *
 * ## Example
 * ```ts
 * const cleaned = keepLargestComponent(prob.data, prob.width, prob.height);
 * ```
 * @returns The cleaned values and the size (pixels) of the component kept (0 when there is no foreground).
 * @throws {ShapeMismatchError} when `values` does not hold `width * height` numbers.
 * @throws {RangeError} for a threshold outside [0, 1] or a wrong-sized `out`.
 */
export function keepLargestComponent(values: Float32Array, width: number, height: number, options: KeepLargestComponentOptions = {}): { values: Float32Array; size: number } {
  const n = width * height;
  if (values.length !== n) throw new ShapeMismatchError('values buffer', `${n} numbers (${width}x${height})`, `${values.length}`);
  const threshold = options.threshold ?? 0.5;
  assertInRange(threshold, 'threshold', 0, 1);
  const eight = (options.connectivity ?? 8) === 8;
  const out = options.out ?? new Float32Array(n);
  assertBufferLength(out, 'out', n);
  if (out !== values) out.set(values);
  const labels = new Int32Array(n); // 0 = unlabelled
  const stack = new Int32Array(n);
  let best = 0;
  let bestSize = 0;
  let label = 0;
  for (let start = 0; start < n; start++) {
    if (labels[start] !== 0 || values[start]! < threshold) continue;
    label++;
    let size = 0;
    let top = 0;
    stack[top++] = start;
    labels[start] = label;
    while (top > 0) {
      const p = stack[--top]!;
      size++;
      const x = p % width;
      const y = (p - x) / width;
      const x0 = x > 0 ? x - 1 : 0, x1 = x < width - 1 ? x + 1 : x;
      const y0 = y > 0 ? y - 1 : 0, y1 = y < height - 1 ? y + 1 : y;
      for (let yy = y0; yy <= y1; yy++) {
        for (let xx = x0; xx <= x1; xx++) {
          if (!eight && xx !== x && yy !== y) continue;
          const q = yy * width + xx;
          if (labels[q] === 0 && values[q]! >= threshold) {
            labels[q] = label;
            stack[top++] = q;
          }
        }
      }
    }
    if (size > bestSize) {
      bestSize = size;
      best = label;
    }
  }
  if (label > 1) {
    for (let i = 0; i < n; i++) if (labels[i] !== 0 && labels[i] !== best) out[i] = 0;
  }
  return { values: out, size: bestSize };
}
