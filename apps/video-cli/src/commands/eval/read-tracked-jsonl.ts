import fs from 'node:fs';
import type { TrackedBox } from '@facepipe/detector';
import { UsageError } from '../../shared/usage-error.js';

/**
 * Read the faces of a `facepipe run` JSONL file as tracker output per frame (`frame` is the
 * 0-based index; frames missing from the file, e.g. with `--every`, stay empty).
 *
 * ## Example
 * ```ts
 * readTrackedJsonl('out/clip.jsonl')[0]; // [{ id: 1, box: [102, 40, 160, 111] }]
 * ```
 * @throws {UsageError} when the file cannot be read or a line is not a facepipe JSONL record.
 */
export function readTrackedJsonl(file: string): TrackedBox[][] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--predictions cannot be read: ${file} (${(err as Error).message})`);
  }
  const frames: TrackedBox[][] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim().length === 0) return;
    let rec: { frame?: unknown; faces?: unknown };
    try {
      rec = JSON.parse(line);
    } catch {
      throw new UsageError(`--predictions ${file} line ${i + 1} is not JSON`);
    }
    if (!Number.isInteger(rec.frame) || (rec.frame as number) < 0 || !Array.isArray(rec.faces)) {
      throw new UsageError(`--predictions ${file} line ${i + 1}: expected {"frame": <integer >= 0>, "faces": [...]} (facepipe run JSONL)`);
    }
    const f = rec.frame as number;
    while (frames.length <= f) frames.push([]);
    frames[f] = (rec.faces as { id?: number; box: [number, number, number, number] }[]).map((x) => (x.id === undefined ? { box: x.box } : { id: x.id, box: x.box }));
  });
  return frames;
}
