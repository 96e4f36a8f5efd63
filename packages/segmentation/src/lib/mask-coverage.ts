/**
 * Fraction of alpha values >= 128 (the pixels a hard threshold at 0.5 calls "person").
 *
 * ## Example
 * ```ts
 * maskCoverage(new Uint8Array([0, 255, 200, 12])); // 0.5
 * ```
 */
export function maskCoverage(alpha: Uint8Array): number {
  const n = alpha.length;
  if (n === 0) return 0;
  let on = 0;
  for (let i = 0; i < n; i++) if (alpha[i]! >= 128) on++;
  return on / n;
}
