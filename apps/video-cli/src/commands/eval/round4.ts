/**
 * Round a metric to 4 decimals for the eval JSON.
 *
 * ## Example
 * ```ts
 * round4(0.964285); // 0.9643
 * ```
 */
export const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;
