import { assertInRange, assertInteger, assertNumber } from '@facepipe/core';

/** Parameters of the One Euro filter (Casiez, Roussel, Vogel, CHI 2012). */
export interface OneEuroOptions {
  /** Cutoff frequency in Hz at rest: lower = less jitter, more lag when slow (default 1). */
  readonly minCutoff?: number;
  /** How fast the cutoff rises with speed (per unit/s): higher = less lag on fast motion (default 0.05). */
  readonly beta?: number;
  /** Cutoff in Hz of the derivative's own low-pass (default 1). */
  readonly dCutoff?: number;
}

const TWO_PI = 2 * Math.PI;
const alpha = (cutoffHz: number, dtS: number): number => 1 / (1 + 1 / (TWO_PI * cutoffHz * dtS));

/**
 * A One Euro filter over a fixed-size vector: an exponential low-pass per component whose cutoff
 * grows with that component's (low-passed) speed, `cutoff = minCutoff + beta * |dx/dt|`. It cuts
 * jitter when a value is still and follows quickly when it moves.
 *
 * ## Example
 * ```ts
 * const f = new OneEuroFilter(196, { minCutoff: 1, beta: 0.05 });
 * const smooth = f.filter(face.landmarks!, frame.timeMs);
 * ```
 */
export class OneEuroFilter {
  readonly size: number;
  readonly minCutoff: number;
  readonly beta: number;
  readonly dCutoff: number;
  private readonly x: Float64Array;
  private readonly dx: Float64Array;
  private lastMs = NaN;

  /**
   * @throws {RangeError} when `size` is not a positive integer or a parameter is negative/non-finite.
   */
  constructor(size: number, options: OneEuroOptions = {}) {
    assertInteger(size, 'size', 1);
    this.size = size;
    this.minCutoff = options.minCutoff ?? 1;
    this.beta = options.beta ?? 0.05;
    this.dCutoff = options.dCutoff ?? 1;
    assertInRange(this.minCutoff, 'minCutoff', 1e-6, 1e6);
    assertInRange(this.beta, 'beta', 0, 1e6);
    assertInRange(this.dCutoff, 'dCutoff', 1e-6, 1e6);
    this.x = new Float64Array(size);
    this.dx = new Float64Array(size);
  }

  /** Whether the filter has seen a sample since construction/reset. */
  get initialized(): boolean {
    return !Number.isNaN(this.lastMs);
  }

  /**
   * Filter one sample taken at `timeMs`. Returns the smoothed values (in `out` when given).
   * Non-finite inputs keep the previous estimate for that component.
   *
   * @throws {RangeError} when `values` has the wrong length or `timeMs` is not finite.
   */
  filter(values: ArrayLike<number>, timeMs: number, out: Float32Array | Float64Array = new Float64Array(this.size)): Float32Array | Float64Array {
    if (values.length !== this.size || out.length !== this.size) throw new RangeError(`Expected ${this.size} values, got ${values.length} (out ${out.length})`);
    assertNumber(timeMs, 'timeMs');
    const { x, dx, size } = this;
    if (!this.initialized) {
      for (let i = 0; i < size; i++) {
        const v = values[i]!;
        x[i] = Number.isFinite(v) ? v : 0;
        dx[i] = 0;
        out[i] = x[i]!;
      }
      this.lastMs = timeMs;
      return out;
    }
    // Non-increasing timestamps (duplicates, restarts): assume 30 fps spacing.
    const dt = timeMs > this.lastMs ? (timeMs - this.lastMs) / 1000 : 1 / 30;
    this.lastMs = timeMs;
    const ad = alpha(this.dCutoff, dt);
    for (let i = 0; i < size; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v)) {
        out[i] = x[i]!;
        continue;
      }
      const prev = x[i]!;
      const d = ad * ((v - prev) / dt) + (1 - ad) * dx[i]!;
      dx[i] = d;
      const a = alpha(this.minCutoff + this.beta * Math.abs(d), dt);
      const nx = a * v + (1 - a) * prev;
      x[i] = nx;
      out[i] = nx;
    }
    return out;
  }

  /** Forget the state: the next sample passes through unchanged. */
  reset(): void {
    this.lastMs = NaN;
  }
}
