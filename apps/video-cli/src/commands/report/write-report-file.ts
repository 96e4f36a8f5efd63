import fs from 'node:fs';
import path from 'node:path';
import { renderReportHtml } from './render-report-html.js';
import type { ReportData } from './report-data.js';

/**
 * Render `data` and write it to `file` via a temporary name and a rename, so a half-written report
 * never looks complete.
 *
 * ## Example
 * ```ts
 * writeReportFile('out/report.html', { title: 'facepipe report', generatedAt: new Date().toISOString(), batch });
 * ```
 * @returns The absolute path written.
 */
export function writeReportFile(file: string, data: ReportData): string {
  const abs = path.resolve(file);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const tmp = `${abs}.partial-${process.pid}`;
  try {
    fs.writeFileSync(tmp, renderReportHtml(data));
    fs.renameSync(tmp, abs);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return abs;
}
