// Shared helpers of the benchmark scripts (packages/*/bench/*.bench.mjs, apps/*/bench/*.bench.mjs).
// Benchmarks are development tools: they import this file from the repository, never from a published package.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `BENCH_QUICK=1`: a short smoke run instead of the full measurement. */
export const quick = process.env.BENCH_QUICK === '1';

/** The shared assets folder: FACEPIPE_SHARED, else `../shared` beside the repository. */
export const shared = process.env.FACEPIPE_SHARED ?? path.resolve(root, '../shared');

/** Median of a sample (mean of the middle pair for an even count). */
export function median(xs) {
  const a = [...xs].sort((p, q) => p - q);
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}

/** Round to `digits` decimals; non-finite values and undefined pass through. */
export function round(x, digits = 2) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return x;
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}

/** A progress logger to stderr (stdout carries only the JSON result). */
export function logger(prefix) {
  return (...parts) => process.stderr.write(`${prefix ? `${prefix}: ` : ''}${parts.join(' ')}\n`);
}
