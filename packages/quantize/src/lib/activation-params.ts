/** Activation quantization type: `uint8` (asymmetric, the U8S8 fast path on x86) or `int8`. */
export type ActivationType = 'uint8' | 'int8';

/** Scale and zero point of one per-tensor quantized activation. */
export interface QuantParams {
  readonly scale: number;
  readonly zeroPoint: number;
}

/**
 * Affine (asymmetric) per-tensor parameters for a float range. The range is widened to include 0 so
 * that 0 (padding, ReLU's floor) is represented exactly.
 *
 * ## Example
 * ```ts
 * activationParams(0, 6, 'uint8'); // { scale: 6 / 255, zeroPoint: 0 }
 * ```
 */
export function activationParams(min: number, max: number, type: ActivationType): QuantParams {
  const lo = Math.min(min, 0);
  const hi = Math.max(max, 0);
  const qmin = type === 'uint8' ? 0 : -128;
  const qmax = type === 'uint8' ? 255 : 127;
  if (!(hi - lo > 0) || !Number.isFinite(hi - lo)) return { scale: 1, zeroPoint: type === 'uint8' ? 0 : 0 };
  const scale = (hi - lo) / (qmax - qmin);
  let zeroPoint = Math.round(qmin - lo / scale);
  if (zeroPoint < qmin) zeroPoint = qmin;
  else if (zeroPoint > qmax) zeroPoint = qmax;
  return { scale, zeroPoint };
}
