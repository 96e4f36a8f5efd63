import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A file (or folder) written under a temporary name and renamed into place only when complete,
 * so a killed run never leaves something that looks finished.
 *
 * The temporary name is `<name>.partial-<pid>-<run>` (for names with an extension that decides the
 * format, e.g. mp4/png, the extension is kept at the end: `clip.annotated.partial-<pid>-<run>.mp4`),
 * where `<run>` is {@link RUN_ID}: a process that got the PID of a killed one (PID 1 in a
 * container) never mistakes the dead run's partials for its own.
 */
export interface AtomicOutput {
  /** Final path. */
  readonly path: string;
  /** Where to write while the output is unfinished. */
  readonly tempPath: string;
  /**
   * Rename the temporary file into place (overwrites an existing final file). A folder replaces an
   * existing final folder by moving it aside first, so concurrent commits of the same folder (two
   * runs into one `--out`) never fail: the last one wins.
   */
  commit(): void;
  /** Remove the temporary file if present (idempotent). */
  abort(): void;
}

/**
 * Random id of this process's run, part of every partial name (see {@link AtomicOutput}).
 *
 * ## Example
 * ```ts
 * RUN_ID; // e.g. '9f86d081a3c2'
 * ```
 */
export const RUN_ID: string = randomBytes(6).toString('hex');

/**
 * Temporary name for `finalPath` (see {@link AtomicOutput}).
 *
 * ## Example
 * ```ts
 * partialPath('out/a.annotated.mp4', true, 42, 'ab12'); // 'out/a.annotated.partial-42-ab12.mp4'
 * ```
 */
export function partialPath(finalPath: string, keepExtension: boolean, pid = process.pid, runId = RUN_ID): string {
  const tag = `.partial-${pid}-${runId}`;
  if (!keepExtension) return `${finalPath}${tag}`;
  const ext = path.extname(finalPath);
  return `${finalPath.slice(0, finalPath.length - ext.length)}${tag}${ext}`;
}

let serial = 0;

/** Replace the folder `finalPath` by `tempPath`; an existing one is renamed aside and removed after. */
function commitFolder(tempPath: string, finalPath: string): void {
  const asides: string[] = [];
  for (let attempt = 0; ; attempt++) {
    const aside = `${tempPath}.replaced-${++serial}`;
    try {
      fs.renameSync(finalPath, aside);
      asides.push(aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    try {
      fs.renameSync(tempPath, finalPath);
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // another run committed the same folder between the two renames: move that one aside too
      if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || attempt >= 20) throw err;
    }
  }
  for (const aside of asides) fs.rmSync(aside, { recursive: true, force: true });
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
      if (options.directory) commitFolder(tempPath, finalPath);
      else fs.renameSync(tempPath, finalPath);
      done = true;
    },
    abort() {
      if (done) return;
      done = true;
      fs.rmSync(tempPath, { recursive: true, force: true });
    },
  };
}
