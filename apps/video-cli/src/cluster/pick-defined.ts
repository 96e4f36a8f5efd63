/**
 * The entries of `source` named in `keys` whose value is not `undefined` (so optional settings stay
 * absent instead of present-but-undefined, as `exactOptionalPropertyTypes`-style options expect).
 *
 * ## Example
 * ```ts
 * pickDefined({ every: 3, fps: undefined, out: 'o' }, ['every', 'fps']); // { every: 3 }
 * ```
 */
export function pickDefined<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (source[k] !== undefined) out[k] = source[k];
  return out;
}
