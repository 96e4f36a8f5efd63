import { createHash } from 'node:crypto';
import { JOB_SETTING_KEYS, type JobSettings } from './input-job.js';

/**
 * Deterministic BullMQ job id of one input: a SHA-256 over its absolute path, size, mtime, the
 * output-deciding settings and the output path, so submitting the same batch twice adds nothing,
 * while a changed file (new size or mtime) or changed settings make a new job.
 *
 * ## Example
 * ```ts
 * inputJobId({ path: '/mnt/v/a.mp4', size: 1024, mtimeMs: 1.7e12 }, settings, '/mnt/out/a.jsonl'); // 'fp-3f1c…' (43 chars)
 * ```
 */
export function inputJobId(input: { path: string; size: number; mtimeMs: number }, settings: JobSettings, jsonl: string): string {
  // fixed key order, absent optional settings as null: the same settings always hash the same
  const canonical = [input.path, input.size, input.mtimeMs, ...JOB_SETTING_KEYS.map((k) => settings[k] ?? null), jsonl];
  return `fp-${createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 40)}`;
}
