import fs from 'node:fs';
import { atomicOutput } from './atomic-output.js';

/** A setting that changes what a run writes (`null` when not given). */
export type RecordedSetting = string | number | boolean | null;

/**
 * What produced the outputs of one input: `<stem>.facepipe.json` beside its JSONL, written after
 * the outputs were committed. `--skip-existing` keeps the outputs only when the record matches
 * the current run (see `compareRunRecord`).
 */
export interface RunRecord {
  /** Record format version. */
  readonly facepipe: 1;
  /** The input file as it was when it was processed. */
  readonly input: { readonly path: string; readonly size: number; readonly mtimeMs: number };
  /** Settings that change the outputs, keyed by their CLI flag (`--stages`, `--every`, …). */
  readonly settings: Readonly<Record<string, RecordedSetting>>;
  /** Model of each role in use (detector, landmarks, segmenter, fsanet-1x1, fsanet-var): id or path, and the file's sha256. */
  readonly models: Readonly<Record<string, { readonly model: string; readonly sha256: string }>>;
  /** JSONL lines written (= frames processed). */
  readonly frames: number;
}

/**
 * Path of the record of the outputs whose JSONL is `jsonl`: `<stem>.facepipe.json`.
 *
 * ## Example
 * ```ts
 * runRecordPath('out/clip.jsonl'); // 'out/clip.facepipe.json'
 * ```
 */
export function runRecordPath(jsonl: string): string {
  return `${jsonl.endsWith('.jsonl') ? jsonl.slice(0, -'.jsonl'.length) : jsonl}.facepipe.json`;
}

/**
 * Write `record` for the outputs of `jsonl` atomically (temporary name, then rename), so a
 * record is either absent or complete.
 *
 * ## Example
 * ```ts
 * writeRunRecord('out/clip.jsonl', record); // out/clip.facepipe.json
 * ```
 */
export function writeRunRecord(jsonl: string, record: RunRecord): void {
  const out = atomicOutput(runRecordPath(jsonl));
  try {
    fs.writeFileSync(out.tempPath, `${JSON.stringify(record, null, 2)}\n`);
    out.commit();
  } catch (err) {
    out.abort();
    throw err;
  }
}
