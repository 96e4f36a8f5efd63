import { formatDuration } from './format-duration.js';

/** Where progress goes: a TTY gets live bars, anything else plain lines. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Progress of a batch run (per file and overall). */
export interface ProgressReporter {
  /** A new input starts; `expectedFrames` when known. */
  startFile(name: string, expectedFrames: number | undefined): void;
  /** One more frame of the current input is done. */
  frame(): void;
  /** The current input ended. */
  endFile(status: 'done' | 'skipped' | 'failed' | 'interrupted', detail?: string): void;
  /** A message that must not be overwritten by the bars (errors, notes). */
  note(text: string): void;
  /** Stop redrawing (clears the bars on a TTY). */
  close(): void;
}

const BAR = 24;

/**
 * A fixed-width text bar (`#` done, `-` to go) for `fraction` in [0, 1] (clamped), as drawn by the
 * progress reporter; `facepipe status` draws the same bars.
 *
 * ## Example
 * ```ts
 * bar(0.5); // '############------------'
 * ```
 */
export function bar(fraction: number): string {
  const f = Math.max(0, Math.min(1, fraction));
  const full = Math.round(f * BAR);
  return `${'#'.repeat(full)}${'-'.repeat(BAR - full)}`;
}

/**
 * Create a progress reporter for `totalFiles` inputs with `expectedTotalFrames` frames overall
 * (undefined when unknown). On a TTY it redraws two lines (current file, overall) with frames/s
 * and ETA at most every `intervalMs`; otherwise it prints a start line, a status line every
 * `plainEveryMs`, and an end line per file. `quiet` prints only notes (errors).
 *
 * ## Example
 * ```ts
 * const p = createProgressReporter(process.stderr, { totalFiles: 2, expectedTotalFrames: 600 });
 * p.startFile('a.mp4', 300); p.frame(); p.endFile('done'); p.close();
 * ```
 */
export function createProgressReporter(
  stream: ProgressStream,
  options: { totalFiles: number; expectedTotalFrames?: number; quiet?: boolean; intervalMs?: number; plainEveryMs?: number; now?: () => number },
): ProgressReporter {
  const now = options.now ?? (() => performance.now());
  const tty = stream.isTTY === true && !options.quiet;
  const quiet = options.quiet === true;
  const intervalMs = options.intervalMs ?? 100;
  const plainEveryMs = options.plainEveryMs ?? 5000;
  const startAll = now();
  let fileIndex = 0;
  let fileName = '';
  let fileExpected: number | undefined;
  let fileFrames = 0;
  let fileStart = 0;
  let totalFrames = 0;
  let lastDraw = -Infinity;
  let lastPlain = 0;
  let drawn = 0;

  const clear = (): void => {
    if (!tty || drawn === 0) return;
    stream.write(`\x1b[${drawn}F\x1b[J`);
    drawn = 0;
  };
  const fileLine = (withBar = true): string => {
    const elapsed = now() - fileStart;
    const fps = elapsed > 0 ? (fileFrames * 1000) / elapsed : 0;
    const eta = fileExpected && fps > 0 ? formatDuration(((fileExpected - fileFrames) * 1000) / fps) : '?';
    const count = fileExpected ? `${fileFrames}/${fileExpected}` : `${fileFrames}`;
    return `[${fileIndex}/${options.totalFiles}] ${fileName} ${fileExpected && withBar ? `${bar(fileFrames / fileExpected)} ` : ''}${count} frames ${fps.toFixed(1)} fps ETA ${eta}`;
  };
  const overallLine = (withBar = true): string => {
    const elapsed = now() - startAll;
    const fps = elapsed > 0 ? (totalFrames * 1000) / elapsed : 0;
    const exp = options.expectedTotalFrames;
    const eta = exp && fps > 0 ? formatDuration((Math.max(0, exp - totalFrames) * 1000) / fps) : '?';
    return `overall ${exp && withBar ? `${bar(totalFrames / exp)} ` : ''}${fileIndex - 1}/${options.totalFiles} files ${totalFrames} frames ${fps.toFixed(1)} fps elapsed ${formatDuration(elapsed)} ETA ${eta}`;
  };
  const draw = (force: boolean): void => {
    const t = now();
    if (!force && t - lastDraw < intervalMs) return;
    lastDraw = t;
    const width = Math.max(40, (stream.columns || 120) - 1);
    clear();
    // too narrow for the bars: drop them before cutting the counts, fps and ETA
    let lines = [fileLine(), overallLine()];
    if (lines.some((l) => l.length > width)) lines = [fileLine(false), overallLine(false)];
    lines = lines.map((l) => (l.length > width ? l.slice(0, width) : l));
    stream.write(`${lines.join('\n')}\n`);
    drawn = lines.length;
  };

  return {
    startFile(name, expectedFrames) {
      fileIndex++;
      fileName = name;
      fileExpected = expectedFrames;
      fileFrames = 0;
      fileStart = now();
      lastPlain = fileStart;
      if (tty) draw(true);
      else if (!quiet) stream.write(`[${fileIndex}/${options.totalFiles}] ${name}: started${expectedFrames ? ` (${expectedFrames} frames expected)` : ''}\n`);
    },
    frame() {
      fileFrames++;
      totalFrames++;
      if (tty) draw(false);
      else if (!quiet && now() - lastPlain >= plainEveryMs) {
        lastPlain = now();
        stream.write(`${fileLine()}\n`);
      }
    },
    endFile(status, detail) {
      const elapsed = now() - fileStart;
      const fps = elapsed > 0 ? (fileFrames * 1000) / elapsed : 0;
      const line =
        status === 'done'
          ? `[${fileIndex}/${options.totalFiles}] ${fileName}: done, ${fileFrames} frames in ${formatDuration(elapsed)} (${fps.toFixed(1)} fps)${detail ? ` -> ${detail}` : ''}`
          : `[${fileIndex}/${options.totalFiles}] ${fileName}: ${status}${detail ? `: ${detail}` : ''}`;
      if (status === 'failed') this.note(line);
      else if (!quiet) {
        clear();
        stream.write(`${line}\n`);
        if (tty) draw(true);
      }
    },
    note(text) {
      clear();
      stream.write(`${text}\n`);
      if (tty) draw(true);
    },
    close() {
      clear();
    },
  };
}
