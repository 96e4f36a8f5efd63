import fs from 'node:fs';
import path from 'node:path';

/**
 * A file (or folder) written under a temporary name and renamed into place only when complete,
 * so a killed run never leaves something that looks finished.
 *
 * The temporary name is `<name>.partial-<pid>` (for names with an extension that decides the
 * format, e.g. mp4/png, the extension is kept at the end: `clip.annotated.partial-<pid>.mp4`).
 */
export interface AtomicOutput {
  /** Final path. */
  readonly path: string;
  /** Where to write while the output is unfinished. */
  readonly tempPath: string;
  /** Rename the temporary file into place (overwrites an existing final file). */
  commit(): void;
  /** Remove the temporary file if present (idempotent). */
  abort(): void;
}

/**
 * Temporary name for `finalPath` (see {@link AtomicOutput}).
 *
 * ## Example
 * ```ts
 * partialPath('out/a.annotated.mp4', true, 42); // 'out/a.annotated.partial-42.mp4'
 * ```
 */
export function partialPath(finalPath: string, keepExtension: boolean, pid = process.pid): string {
  if (!keepExtension) return `${finalPath}.partial-${pid}`;
  const ext = path.extname(finalPath);
  return `${finalPath.slice(0, finalPath.length - ext.length)}.partial-${pid}${ext}`;
}

/**
 * Start an atomic output at `finalPath`.
 *
 * ## Example
 * ```ts
 * const out = atomicOutput('out/clip.jsonl');
 * fs.writeFileSync(out.tempPath, data);
 * out.commit(); // out/clip.jsonl appears in one rename
 * ```
 */
export function atomicOutput(finalPath: string, options: { keepExtension?: boolean; directory?: boolean } = {}): AtomicOutput {
  const tempPath = partialPath(finalPath, options.keepExtension ?? false);
  let done = false;
  return {
    path: finalPath,
    tempPath,
    commit() {
      if (done) return;
      if (options.directory) fs.rmSync(finalPath, { recursive: true, force: true });
      fs.renameSync(tempPath, finalPath);
      done = true;
    },
    abort() {
      if (done) return;
      done = true;
      fs.rmSync(tempPath, { recursive: true, force: true });
    },
  };
}
