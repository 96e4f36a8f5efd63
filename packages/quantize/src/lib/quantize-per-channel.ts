import { assertInteger } from '@facepipe/core';

/** Result of {@link quantizePerChannel}. */
export interface PerChannelQuantized {
  /** int8 values, same layout as the input. */
  readonly values: Int8Array;
  /** One scale per channel along `axis` (`max|w| / qmax`; 1 for an all-zero channel). */
  readonly scales: Float32Array;
}

/**
 * Symmetric int8 per-channel quantization of a weight tensor (zero point 0, range [-qmax, qmax]).
 * One pass to find each channel's max |w|, one pass to round. `qmax` is 127 for full 8-bit weights,
 * 63 for 7-bit ("reduce range") weights that cannot saturate the int16 pair sums of x86 AVX2's
 * `vpmaddubsw` U8S8 kernel (255·63·2 < 32767).
 *
 * ## Example
 * ```ts
 * // Conv weight [M, C, kh, kw]: one scale per output channel
 * const { values, scales } = quantizePerChannel(w, [64, 3, 3, 3], 0);
 * ```
 * @throws {RangeError} when `axis` is outside the dims.
 */
export function quantizePerChannel(data: Float32Array, dims: readonly number[], axis: number, qmax = 127): PerChannelQuantized {
  assertInteger(axis, 'axis');
  if (axis < 0 || axis >= dims.length) throw new RangeError(`Expected \`axis\` to be an integer in [0, ${dims.length - 1}], got \`${axis}\` (number)`);
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= dims[i];
  const channels = dims[axis];
  let inner = 1;
  for (let i = axis + 1; i < dims.length; i++) inner *= dims[i];
  const absMax = new Float32Array(channels);
  for (let o = 0, p = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      let m = absMax[c];
      for (let k = 0; k < inner; k++, p++) {
        const v = data[p] < 0 ? -data[p] : data[p];
        if (v > m) m = v;
      }
      absMax[c] = m;
    }
  }
  const scales = new Float32Array(channels);
  const inv = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    scales[c] = absMax[c] > 0 ? absMax[c] / qmax : 1;
    inv[c] = 1 / scales[c];
  }
  const values = new Int8Array(data.length);
  for (let o = 0, p = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      const s = inv[c];
      for (let k = 0; k < inner; k++, p++) {
        let q = Math.round(data[p] * s);
        if (q > qmax) q = qmax;
        else if (q < -qmax) q = -qmax;
        values[p] = q;
      }
    }
  }
  return { values, scales };
}
