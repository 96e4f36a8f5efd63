import { EXIT } from '../../shared/exit.js';
import { writeBatchReport } from './write-batch-report.js';

/**
 * `facepipe report <out-dir>`: (re)build `<out-dir>/report.html` from the run's outputs (the
 * `facepipe-run.json` manifest when `run --report` wrote one, else every `*.jsonl`; plus the track
 * thumbnails) and print its path on stdout.
 *
 * ## Example
 * ```ts
 * await reportAction('results'); // stdout: /abs/results/report.html
 * ```
 * @throws {Error} when the folder is missing or holds no results; {@link JsonlFormatError} for a bad JSONL line.
 */
export async function reportAction(outDir: string, out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  out(`${writeBatchReport(outDir)}\n`);
  return EXIT.ok;
}
