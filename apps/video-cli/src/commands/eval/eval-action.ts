import path from 'node:path';
import { EXIT } from '../../shared/exit.js';
import { evalDetect } from './eval-detect.js';
import { evalLandmarks } from './eval-landmarks.js';
import type { EvalOptions } from './eval-options.js';
import { evalSegment } from './eval-segment.js';
import { evalTrack } from './eval-track.js';
import { writeEvalReport, type CurveSink } from '../report/eval-report-hooks.js';

/**
 * `facepipe eval detect|landmarks|segment|track --data ...`: prints one JSON object of metrics on
 * stdout (detect: recall, precision, ap; landmarks: nme and per region; segment: miou at model
 * resolution, the reference protocol, and at photo resolution; track: MOTA, IDF1, ID switches… of `eval-track.ts`).
 *
 * ## Example
 * ```ts
 * await evalAction({ task: 'detect', data: ['faces/annotations.json'], iou: 0.4, minSize: 20, ... });
 * // stdout: {"task":"detect","recall":1,"precision":0.9643,"ap":0.99,...}
 * ```
 * @throws {UsageError} when a data path does not exist.
 */
export async function evalAction(options: EvalOptions, out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const t0 = performance.now();
  let curve: Parameters<CurveSink>[0] | undefined;
  const sink: CurveSink | undefined = options.report !== undefined ? (c) => (curve = c) : undefined;
  const result = options.task === 'detect' ? await evalDetect(options, sink) : options.task === 'landmarks' ? await evalLandmarks(options, sink) : options.task === 'track' ? await evalTrack(options) : await evalSegment(options, sink);
  const report = options.report !== undefined && curve && options.task !== 'track' ? { report: writeEvalReport(options.report, { task: options.task, metrics: result, curve }) } : {};
  out(`${JSON.stringify({ ...result, data: options.data.map((d) => path.resolve(d)), int8: options.int8, elapsedMs: Math.round(performance.now() - t0), ...report })}\n`);
  return EXIT.ok;
}
