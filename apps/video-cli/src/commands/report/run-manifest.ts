import fs from 'node:fs';
import path from 'node:path';
import type { RunSummary } from '../run/run-summary.js';

/** File name of the run manifest `facepipe run --report` writes into the output folder. */
export const RUN_MANIFEST = 'facepipe-run.json';

/**
 * Write the run's summary (the same object `--json` prints) to `<out>/facepipe-run.json`, so that
 * `facepipe report <out>` later knows every input, including failed ones that left no JSONL, with
 * its status, frame count, processing fps and error text. Written via a temporary file and a rename.
 *
 * ## Example
 * ```ts
 * writeRunManifest(summary); // 'results/facepipe-run.json'
 * ```
 * @returns The manifest path.
 */
export function writeRunManifest(summary: RunSummary): string {
  const file = path.join(summary.out, RUN_MANIFEST);
  const tmp = `${file}.partial-${process.pid}`;
  fs.writeFileSync(tmp, `${JSON.stringify(summary, null, 1)}\n`);
  fs.renameSync(tmp, file);
  return file;
}

/**
 * Read `<out>/facepipe-run.json` if present.
 *
 * ## Example
 * ```ts
 * readRunManifest('results')?.files.length; // 2
 * ```
 * @returns The summary, or `undefined` when the folder has no manifest.
 * @throws {TypeError} when the manifest exists but is not a run summary.
 */
export function readRunManifest(outDir: string): RunSummary | undefined {
  const file = path.join(outDir, RUN_MANIFEST);
  if (!fs.existsSync(file)) return undefined;
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const s = parsed as Partial<RunSummary> | null;
  if (typeof s !== 'object' || s === null || !Array.isArray(s.files) || !Array.isArray(s.stages)) {
    throw new TypeError(`Expected ${file} to be a facepipe run summary with \`files\` and \`stages\` arrays, got ${JSON.stringify(parsed)?.slice(0, 80)}`);
  }
  return s as RunSummary;
}
