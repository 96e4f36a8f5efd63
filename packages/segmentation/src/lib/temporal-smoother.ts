import { assertInRange, assertNumber } from '@facepipe/core';

/** Options of {@link createTemporalSmoother}. */
export interface TemporalSmootherOptions {
  /** Base EMA weight of the new value, in (0, 1] (default 0.4; 1 disables smoothing). */
  readonly rate?: number;
  /**
   * Image-motion adaptivity, used when a guide image is passed to `apply` (default 1): the weight
   * of the new value becomes `min(1, rate + imageMotionGain * |guide - previous guide| / 255)`, so
   * where the picture moved the mask follows at once, and where it did not (the usual source of
   * flicker) the mask is averaged over time.
   */
  readonly imageMotionGain?: number;
  /**
   * Fallback adaptivity without a guide (default 1.5): the weight becomes
   * `min(1, rate + motionGain * |new - previous|)`. 0 gives a plain EMA.
   */
  readonly motionGain?: number;
}

/** Per-pixel smoothing state for one stream of probability maps. */
export interface TemporalSmoother {
  /**
   * Blend `values` into the running state and return the smoothed map (a buffer owned by the
   * smoother, overwritten by the next call: copy it if you keep it). `guide` is an optional
   * 8-bit image (e.g. luma) of the same length taken from the network input: its change from the
   * previous call measures motion. The first call, or a call with a different length,
   * (re)starts from `values`.
   */
  apply(values: Float32Array, guide?: Uint8Array): Float32Array;
  /** Forget the state (e.g. at a scene cut). */
  reset(): void;
}

function nonNegative(value: unknown, name: string): number {
  assertNumber(value, name);
  if (value < 0) throw new RangeError(`Expected \`${name}\` to be >= 0, got \`${value}\` (number)`);
  return value;
}

/**
 * Make a motion-adaptive per-pixel EMA over a stream of probability maps (run it at model
 * resolution, before upsampling: cheaper and smoother). Keep one smoother per video stream;
 * `segmentPortrait` makes one per subscription and passes the network input's luma as guide.
 *
 * ## Example
 * ```ts
 * const smoother = createTemporalSmoother({ rate: 0.4 });
 * const steady = smoother.apply(prob.data, prob.guide);
 * ```
 * @throws {RangeError} for `rate` outside (0, 1] or a negative gain.
 */
export function createTemporalSmoother(options: TemporalSmootherOptions = {}): TemporalSmoother {
  const rate = options.rate ?? 0.4;
  assertInRange(rate, 'rate', Number.MIN_VALUE, 1);
  const gain = nonNegative(options.motionGain ?? 1.5, 'motionGain');
  const imageGain = nonNegative(options.imageMotionGain ?? 1, 'imageMotionGain') / 255;
  let state: Float32Array | undefined;
  let prevGuide: Uint8Array | undefined;
  return {
    apply(values, guide) {
      const n = values.length;
      const g = guide && guide.length === n ? guide : undefined;
      const pg = prevGuide;
      prevGuide = g ? Uint8Array.from(g) : undefined;
      if (!state || state.length !== n) {
        state = Float32Array.from(values);
        return state;
      }
      const s = state;
      if (g && pg) {
        for (let i = 0; i < n; i++) {
          const prev = s[i]!;
          const m = g[i]! - pg[i]!;
          let a = rate + imageGain * (m < 0 ? -m : m);
          if (a > 1) a = 1;
          s[i] = prev + a * (values[i]! - prev);
        }
      } else {
        for (let i = 0; i < n; i++) {
          const prev = s[i]!;
          const d = values[i]! - prev;
          let a = rate + gain * (d < 0 ? -d : d);
          if (a > 1) a = 1;
          s[i] = prev + a * d;
        }
      }
      return s;
    },
    reset() {
      state = undefined;
      prevGuide = undefined;
    },
  };
}
