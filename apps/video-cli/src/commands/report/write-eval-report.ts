import path from 'node:path';
import type { EvalReport } from './report-data.js';
import { writeReportFile } from './write-report-file.js';

/**
 * `facepipe eval ... --report <file>`: write the metrics (the JSON object eval prints) and the
 * task's standard curve as a self-contained HTML page.
 *
 * ## Example
 * ```ts
 * writeEvalReport('eval-detect.html', { task: 'detect', metrics, curve: prCurveReport(ev.curve, ev.ap) });
 * ```
 * @returns The absolute path written.
 */
export function writeEvalReport(file: string, report: EvalReport): string {
  return writeReportFile(file, { title: `facepipe eval ${report.task}: ${String(report.metrics.model ?? path.basename(file))}`, generatedAt: new Date().toISOString(), eval: report });
}
