import fs from 'node:fs';
import path from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { isFacepipeOutput } from './is-facepipe-output.js';
import { mediaKind } from './media-kind.js';
import { UsageError } from './usage-error.js';

/** One input file found by {@link discoverInputs}. */
export interface InputFile {
  /** Absolute path. */
  readonly path: string;
  readonly kind: 'image' | 'video';
}

function walk(dir: string, recursive: boolean, out: string[], skipDir: string | undefined): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith('.') || isFacepipeOutput(e.name, e.isDirectory())) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (recursive && full !== skipDir) walk(full, true, out, skipDir);
    } else if (e.isFile() || e.isSymbolicLink()) {
      out.push(full);
    }
  }
}

/**
 * Expand CLI inputs (files, folders, globs) into a sorted, de-duplicated list of media files.
 *
 * - A file is taken as given (an unknown extension is treated as a video: the decoder decides).
 * - A folder contributes the images and videos directly inside it (`recursive` to descend).
 * - A glob (`*`, `?`, `**`, `[...]`, `{a,b}` braces, `!(...)`-style extglobs, as tinyglobby and
 *   picomatch read them) is expanded relative to `cwd`; only image/video extensions are kept.
 * - Folders and globs skip facepipe's own outputs ({@link isFacepipeOutput}) and never descend
 *   into `outDir` (the run's output folder), so a rerun does not process its earlier results.
 *
 * ## Example
 * ```ts
 * discoverInputs(['videos/', 'shots/**\/*.jpg']);
 * // [{ path: '/abs/videos/a.mp4', kind: 'video' }, { path: '/abs/shots/x/1.jpg', kind: 'image' }]
 * ```
 * @throws {UsageError} when an input matches nothing.
 */
export function discoverInputs(inputs: readonly string[], options: { recursive?: boolean; cwd?: string; outDir?: string } = {}): InputFile[] {
  const cwd = options.cwd ?? process.cwd();
  const skipDir = options.outDir !== undefined ? path.resolve(cwd, options.outDir) : undefined;
  const seen = new Set<string>();
  const out: InputFile[] = [];
  const add = (file: string, explicit: boolean): void => {
    const abs = path.resolve(cwd, file);
    if (seen.has(abs)) return;
    const kind = mediaKind(abs) ?? (explicit ? 'video' : undefined);
    if (!kind) return;
    seen.add(abs);
    out.push({ path: abs, kind });
  };
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    if (!isDynamicPattern(input) || fs.existsSync(abs)) {
      const stat = fs.statSync(abs, { throwIfNoEntry: false });
      if (!stat) throw new UsageError(`input not found: ${input}`);
      if (stat.isDirectory()) {
        const files: string[] = [];
        walk(abs, options.recursive ?? false, files, skipDir);
        const before = out.length;
        for (const f of files.sort()) add(f, false);
        if (out.length === before && !files.some((f) => seen.has(f))) throw new UsageError(`no image or video files in folder: ${input}`);
      } else {
        add(abs, true);
      }
      continue;
    }
    // glob (tinyglobby: *, ?, **, [...], {a,b} braces, extglobs); hidden files only when named
    // ... minus facepipe's own outputs (any path segment) and whatever lies in the run's --out folder
    const matched = globSync(input.split(path.sep).join('/'), { cwd, absolute: true, onlyFiles: true, expandDirectories: false, followSymbolicLinks: true })
      .filter((f) => !(skipDir && (f === skipDir || f.startsWith(skipDir + path.sep))))
      .filter((f) => !path.relative(cwd, f).split(path.sep).some((seg, i, all) => isFacepipeOutput(seg, i < all.length - 1)))
      .sort();
    const before = out.length;
    for (const f of matched) add(f, false);
    if (out.length === before && !matched.some((f) => seen.has(f))) throw new UsageError(`no image or video files match: ${input}`);
  }
  return out;
}
