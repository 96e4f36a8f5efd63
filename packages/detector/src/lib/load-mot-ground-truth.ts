import fs from 'node:fs/promises';
import path from 'node:path';
import { DecoderError, FacepipeError, assertObject, assertInRange } from '@facepipe/core';
import type { GroundTruthTrackBox } from './evaluate-tracks.js';

/** A parsed MOTChallenge ground-truth file. */
export interface MotGroundTruth {
  readonly format: 'mot-challenge';
  /** The file (or the name given to {@link parseMotGroundTruth}). */
  readonly source: string;
  /** Boxes per frame: `frames[i]` holds frame `i + 1` of the file (MOTChallenge frames are 1-based), up to the last annotated frame. */
  readonly frames: readonly (readonly GroundTruthTrackBox[])[];
  /** Distinct track ids with at least one counted (not ignored) box. */
  readonly tracks: number;
  /** Rows read. */
  readonly rows: number;
}

/** Options of {@link parseMotGroundTruth}. */
export interface MotGroundTruthOptions {
  /** Rows whose visibility column (9th) is below this become ignore regions (default 0: visibility unused). */
  readonly minVisibility?: number;
}

/** A ground-truth file is not MOTChallenge text; `line` is 1-based. */
export class MotFormatError extends FacepipeError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`Invalid MOTChallenge ground truth in ${file} line ${line}: ${problem}`);
  }
}

/**
 * Parse MOTChallenge ground truth (`gt/gt.txt` as the benchmark ships it): one box per line,
 * `frame, id, bb_left, bb_top, bb_width, bb_height, conf[, class, visibility[, …]]`, comma- or
 * space-separated, frames 1-based, pixels with the origin at the top-left corner. A row is an
 * ignore region (see `evaluateTracks`) when `conf` is 0, when a class column is present and is
 * neither 1 (the target class) nor -1 (unused), or when its visibility is below `minVisibility`.
 * Blank lines and lines starting with `#` are skipped.
 *
 * ## Example
 * ```ts
 * const gt = parseMotGroundTruth('1,1,10,20,40,50,1,1,1\n2,1,12,20,40,50,1,1,0.8\n', 'gt.txt');
 * gt.frames[1]; // [{ id: 1, box: [12, 20, 52, 70], ignore: false }]
 * ```
 * @throws {MotFormatError} naming the line and the offending field.
 */
export function parseMotGroundTruth(text: string, source: string, options: MotGroundTruthOptions = {}): MotGroundTruth {
  assertObject(options as unknown, 'options');
  const minVis = options.minVisibility ?? 0;
  assertInRange(minVis, 'minVisibility', 0, 1);
  const frames: GroundTruthTrackBox[][] = [];
  const ids = new Set<number>();
  const seen = new Set<string>();
  let rows = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line.length === 0 || line.startsWith('#')) return;
    const fail = (problem: string): never => {
      throw new MotFormatError(source, i + 1, problem);
    };
    const cols = line.split(/\s*,\s*|\s+/);
    if (cols.length < 7) fail(`expected at least 7 fields (frame, id, left, top, width, height, conf), got ${cols.length}: "${line.slice(0, 60)}"`);
    const v = cols.map(Number);
    const names = ['frame', 'id', 'bb_left', 'bb_top', 'bb_width', 'bb_height', 'conf', 'class', 'visibility'];
    v.slice(0, 9).forEach((x, k) => {
      if (!Number.isFinite(x)) fail(`expected \`${names[k]}\` to be a number, got "${cols[k]}"`);
    });
    const [frame, id, left, top, w, h, conf] = v as [number, number, number, number, number, number, number];
    if (!Number.isInteger(frame) || frame < 1) fail(`expected \`frame\` to be an integer >= 1, got ${cols[0]}`);
    if (!Number.isInteger(id)) fail(`expected \`id\` to be an integer, got ${cols[1]}`);
    if (w < 0 || h < 0) fail(`expected bb_width and bb_height >= 0, got ${cols[4]} x ${cols[5]}`);
    const key = `${frame}:${id}`;
    if (seen.has(key)) fail(`id ${id} appears twice in frame ${frame}`);
    seen.add(key);
    const cls = v.length > 7 ? v[7]! : -1;
    const vis = v.length > 8 ? v[8]! : 1;
    const ignore = conf === 0 || (cls !== 1 && cls !== -1) || vis < minVis;
    while (frames.length < frame) frames.push([]);
    frames[frame - 1]!.push({ id, box: [left, top, left + w, top + h], ignore });
    if (!ignore) ids.add(id);
    rows++;
  });
  return { format: 'mot-challenge', source, frames, tracks: ids.size, rows };
}

/**
 * Read a MOTChallenge ground-truth file (see {@link parseMotGroundTruth}). A folder is read as a
 * MOTChallenge sequence: `<dir>/gt/gt.txt`, else `<dir>/gt.txt`.
 *
 * ## Example
 * ```ts
 * const gt = await loadMotGroundTruth('MOT17-02/gt/gt.txt');
 * gt.frames.length; // 600
 * ```
 * @throws {DecoderError} when the file cannot be read.
 * @throws {MotFormatError} when a line is malformed.
 */
export async function loadMotGroundTruth(file: string, options: MotGroundTruthOptions = {}): Promise<MotGroundTruth> {
  let abs = path.resolve(file);
  try {
    if ((await fs.stat(abs)).isDirectory()) {
      const inner = path.join(abs, 'gt', 'gt.txt');
      abs = (await fs.stat(inner).then(() => true, () => false)) ? inner : path.join(abs, 'gt.txt');
    }
    return parseMotGroundTruth(await fs.readFile(abs, 'utf8'), abs, options);
  } catch (err) {
    if (err instanceof MotFormatError || err instanceof TypeError || err instanceof RangeError) throw err;
    throw new DecoderError('Cannot read MOTChallenge ground truth', abs, (err as Error).message, { cause: err });
  }
}
