/** ffmpeg/ffprobe log lines that carry a cause, and free-text phrases that do. */
const LEVEL = /\[(?:error|fatal|panic)\]/;
const CAUSE = /invalid data|partial file|moov atom not found|no such file|permission denied|no space left|corrupt|truncat|not supported|unsupported|unknown|failed|error|refused|timed out|unreachable|not found/i;
/** `[h264 @ 0x55d…] ` / `[mov,mp4,… @ 0x…] ` context prefixes and the `[error] ` level tag. */
const PREFIX = /^(?:\[[^\]]* @ 0x[0-9a-f]+\] )?(?:\[(?:error|fatal|panic|warning|info)\] )?/i;

/**
 * One line for an input's failure in the progress output and the `--json` summary: the error's
 * first line (which names the file), then up to `maxCauses` distinct lines of the detail that
 * carry the cause (ffmpeg's `[error]`/`[fatal]` lines first, then lines naming a known cause such
 * as `partial file` or `Invalid data`), joined by ` | `. Lines of context (`[info] Stream #0:0 ...`)
 * are left out, wherever they sit in the detail; a detail of one line (sharp's message) is kept whole.
 * `name: false` leaves out the error's class name (`DecoderError: `), for a line that already says what failed.
 *
 * ## Example
 * ```ts
 * errorLine(new DecoderError('ffmpeg could not decode the video (ffmpeg exited with code 1)', 'a.mp4',
 *   '[info] Stream mapping:\n[mov,mp4 @ 0x1] [error] stream 0, offset 0x4f0e: partial file'));
 * // 'DecoderError: ffmpeg could not decode the video (ffmpeg exited with code 1): a.mp4 | stream 0, offset 0x4f0e: partial file'
 * ```
 */
export function errorLine(err: unknown, maxCauses = 3, options: { name?: boolean } = {}): string {
  const text = err instanceof Error ? (options.name === false ? err.message : `${err.name}: ${err.message}`) : String(err);
  const [head = '', ...rest] = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const ranked = [...rest.filter((l) => LEVEL.test(l)), ...rest.filter((l) => !LEVEL.test(l) && CAUSE.test(l))];
  const causes: string[] = [];
  for (const line of ranked) {
    const bare = line.replace(PREFIX, '');
    if (bare && !causes.includes(bare) && !head.includes(bare)) causes.push(bare);
    if (causes.length === maxCauses) break;
  }
  // a one-line detail (sharp's message, say) is the cause itself
  const only = rest.length === 1 ? rest[0]!.replace(PREFIX, '') : '';
  if (causes.length === 0 && only && !head.includes(only)) causes.push(only);
  return [head, ...causes].join(' | ');
}
