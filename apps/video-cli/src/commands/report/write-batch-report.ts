import path from 'node:path';
import { buildBatchReport } from './build-batch-report.js';
import { writeReportFile } from './write-report-file.js';

/** File name of the batch report inside an output folder. */
export const REPORT_FILE = 'report.html';

/**
 * Build and write `<outDir>/report.html` for the results in `outDir` (see {@link buildBatchReport}).
 *
 * ## Example
 * ```ts
 * writeBatchReport('results'); // '/abs/results/report.html'
 * ```
 * @returns The report path.
 * @throws as {@link buildBatchReport} does.
 */
export function writeBatchReport(outDir: string): string {
  const batch = buildBatchReport(outDir);
  const name = path.basename(batch.out);
  return writeReportFile(path.join(batch.out, REPORT_FILE), { title: `facepipe report: ${name}`, generatedAt: new Date().toISOString(), batch });
}
