// Shared helpers of the benchmark scripts (packages/*/bench/*.bench.mjs, apps/*/bench/*.bench.mjs).
// Benchmarks are development tools: they import this file from the repository, never from a published package.
import fs from 'node:fs';
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

/**
 * The `facepipe` command as an installed bin runs it: the Node flags of the launcher's shebang line
 * (`#!/usr/bin/env -S node <flags>`), then the launcher (apps/video-cli/bin/facepipe.js, which loads the
 * bundled CLI). Spawn `process.execPath` with these arguments, so a bench measures what a user runs
 * under whichever Node runs the bench.
 */
export function facepipeArgs() {
  const bin = path.join(root, 'apps/video-cli/bin/facepipe.js');
  const first = fs.readFileSync(bin, 'utf8').split('\n', 1)[0];
  const m = /^#!\S*env\s+(?:-S\s+)?node((?:\s+--\S+)*)\s*$/.exec(first);
  if (!m) throw new Error(`Expected ${bin} to start with "#!/usr/bin/env -S node [--flags]", found ${JSON.stringify(first)}`);
  return [...m[1].trim().split(/\s+/).filter(Boolean), bin];
}
