import { assertInRange, assertNumber } from '@facepipe/core';

/** Options of {@link createTemporalSmoother}. */
export interface TemporalSmootherOptions {
  /** Base EMA weight of the new value, in (0, 1] (default 0.35; 1 disables smoothing). */
  readonly rate?: number;
  /**
   * Motion adaptivity (default 1.5): the weight of the new value becomes
   * `min(1, rate + motionGain * |new - previous|)`, so large changes (real motion) are followed at
   * once while small flicker is averaged away. 0 gives a plain EMA.
   */
  readonly motionGain?: number;
}

/** Per-pixel smoothing state for one stream of probability maps. */
export interface TemporalSmoother {
  /**
   * Blend `values` into the running state and return the smoothed map (a buffer owned by the
   * smoother, overwritten by the next call: copy it if you keep it). The first call, or a call
   * with a different length, (re)starts from `values`.
   */
  apply(values: Float32Array): Float32Array;
  /** Forget the state (e.g. at a scene cut). */
  reset(): void;
}

/**
 * Make a motion-adaptive per-pixel EMA over a stream of probability maps (run it at model
 * resolution, before upsampling: cheaper and smoother). Keep one smoother per video stream;
 * `segmentPortrait` makes one per subscription.
 *
 * ## Example
 * ```ts
 * const smoother = createTemporalSmoother({ rate: 0.35 });
 * const steady = smoother.apply(prob.data);
 * ```
 * @throws {RangeError} for `rate` outside (0, 1] or a negative `motionGain`.
 */
export function createTemporalSmoother(options: TemporalSmootherOptions = {}): TemporalSmoother {
  const rate = options.rate ?? 0.35;
  assertInRange(rate, 'rate', Number.MIN_VALUE, 1);
  const gain = options.motionGain ?? 1.5;
  assertNumber(gain, 'motionGain');
  if (gain < 0) throw new RangeError(`Expected \`motionGain\` to be >= 0, got \`${gain}\` (number)`);
  let state: Float32Array | undefined;
  return {
    apply(values) {
      const n = values.length;
      if (!state || state.length !== n) {
        state = Float32Array.from(values);
        return state;
      }
      const s = state;
      for (let i = 0; i < n; i++) {
        const prev = s[i]!;
        const d = values[i]! - prev;
        let a = rate + gain * (d < 0 ? -d : d);
        if (a > 1) a = 1;
        s[i] = prev + a * d;
      }
      return s;
    },
    reset() {
      state = undefined;
    },
  };
}
