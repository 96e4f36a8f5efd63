import type { QuantizationReport } from '@facepipe/quantize';
import { quantizeReportView } from './quantize-report-view.js';
import { writeReportFile } from './write-report-file.js';

/**
 * `facepipe quantize --report <file>`: besides the JSON report, write `<file minus .json>.html`
 * with fp32 and int8 side by side (see {@link quantizeReportView}).
 *
 * ## Example
 * ```ts
 * writeQuantizeReport('q.json', report); // '/abs/q.html'
 * ```
 * @returns The HTML path.
 */
export function writeQuantizeReport(jsonPath: string, report: QuantizationReport): string {
  const html = jsonPath.replace(/\.json$/i, '') + '.html';
  return writeReportFile(html, { title: `facepipe quantize: ${report.model}`, generatedAt: new Date().toISOString(), quantize: quantizeReportView(report) });
}
