import type { RunSummary } from '../run/run-summary.js';
import { writeRunManifest } from './run-manifest.js';
import { writeBatchReport } from './write-batch-report.js';

/**
 * The end of `facepipe run --report`: write the run manifest (`facepipe-run.json`, so a later
 * `facepipe report <out>` still knows the failed inputs and fps) and then `<out>/report.html`.
 *
 * ## Example
 * ```ts
 * if (options.report) finishRunReport(summary); // '/abs/results/report.html'
 * ```
 * @returns The report path.
 */
export function finishRunReport(summary: RunSummary): string {
  writeRunManifest(summary);
  return writeBatchReport(summary.out);
}
