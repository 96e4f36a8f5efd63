import path from 'node:path';
import { formatDuration } from '../../shared/format-duration.js';
import { bar } from '../../shared/progress-reporter.js';
import type { QueueSnapshot } from './queue-snapshot.js';

/**
 * Text lines of a queue snapshot, drawn like `facepipe run`'s progress: one line per active job
 * (bar, frames done/expected), the overall line (bar, files, frames, fps, elapsed, ETA), then the
 * failed inputs with their reasons (at most `maxFailed`, then a count). Lines longer than `width`
 * lose their bars first, then are cut.
 *
 * ## Example
 * ```ts
 * formatStatus(snapshot, 100);
 * // ['queue facepipe: 2 waiting, 1 active, 3 completed, 0 failed, 0 delayed',
 * //  '  a.mp4 [############------------] 40/80 frames (attempt 1)',
 * //  'overall [###########-------------] 3/6 files 250 frames 31.0 fps elapsed 8.1s ETA 9.5s']
 * ```
 */
export function formatStatus(s: QueueSnapshot, width = 120, maxFailed = 20): string[] {
  const c = s.counts;
  const total = c.waiting + c.active + c.completed + c.failed + c.delayed;
  const finished = c.completed + c.failed;
  const fit = (withBar: string, without: string): string => (withBar.length <= width ? withBar : without.length <= width ? without : without.slice(0, width));
  const lines = [`queue ${s.queue}: ${c.waiting} waiting, ${c.active} active, ${c.completed} completed, ${c.failed} failed, ${c.delayed} delayed`.slice(0, width)];
  for (const a of s.active) {
    const count = a.expected ? `${a.frames}/${a.expected}` : `${a.frames}`;
    const tail = `${count} frames (attempt ${a.attempt})`;
    const name = path.basename(a.input);
    lines.push(fit(`  ${name} ${a.expected ? `${bar(a.frames / a.expected)} ` : ''}${tail}`, `  ${name} ${tail}`));
  }
  const eta = s.etaMs !== undefined ? formatDuration(s.etaMs) : s.idle ? '0ms' : '?';
  const rest = `${finished}/${total} files ${s.frames} frames ${s.fps.toFixed(1)} fps elapsed ${formatDuration(s.elapsedMs)} ETA ${eta}`;
  lines.push(fit(`overall ${total > 0 ? `${bar(finished / total)} ` : ''}${rest}`, `overall ${rest}`));
  for (const f of s.failed.slice(0, maxFailed)) lines.push(`failed: ${f.input}: ${f.reason}`.slice(0, width));
  if (s.failed.length > maxFailed) lines.push(`… and ${s.failed.length - maxFailed} more failed (use --json for all)`);
  return lines;
}
