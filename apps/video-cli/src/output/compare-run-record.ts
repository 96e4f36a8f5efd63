import fs from 'node:fs';
import path from 'node:path';
import type { OutputPlan } from './output-plan.js';
import { runRecordPath, type RecordedSetting, type RunRecord } from './run-record.js';

const show = (v: RecordedSetting | undefined): string => (v === null || v === undefined ? 'none' : String(v));

function readRecord(file: string): RunRecord | undefined {
  try {
    const r = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<RunRecord>;
    return r.facepipe === 1 && r.input && r.settings && r.models && typeof r.frames === 'number' ? (r as RunRecord) : undefined;
  } catch {
    return undefined;
  }
}

function countLines(file: string): number {
  const buf = fs.readFileSync(file);
  let n = 0;
  for (let i = 0; i < buf.length; i++) if (buf[i] === 10) n++;
  return n;
}

/**
 * Why the outputs of `plan` cannot be kept for a run that would write `expected` (everything but
 * the frame count), or `undefined` when they can: every final output exists, the record
 * `<stem>.facepipe.json` exists, names the same input with the same size and mtime, the same
 * settings and the same model files (sha256), and the JSONL has the recorded number of lines.
 *
 * ## Example
 * ```ts
 * compareRunRecord(plan, expected);
 * // 'settings differ: --stages detect -> detect,landmarks; --max-frames 3 -> none'
 * ```
 */
export function compareRunRecord(plan: OutputPlan, expected: Omit<RunRecord, 'frames'>): string | undefined {
  const missing = plan.all.filter((p) => !fs.existsSync(p));
  if (missing.length > 0) return `${missing.map((p) => path.basename(p)).join(', ')} missing`;
  const recordFile = runRecordPath(plan.jsonl);
  const rec = readRecord(recordFile);
  if (!rec) return `no record of what produced ${path.basename(plan.jsonl)} (${path.basename(recordFile)} ${fs.existsSync(recordFile) ? 'unreadable' : 'missing'})`;
  if (rec.input.path !== expected.input.path) return `made from another input (${rec.input.path})`;
  if (rec.input.size !== expected.input.size || rec.input.mtimeMs !== expected.input.mtimeMs) return 'the input changed since (size or modification time)';
  const keys = [...new Set([...Object.keys(rec.settings), ...Object.keys(expected.settings)])];
  const settings = keys.filter((k) => (rec.settings[k] ?? null) !== (expected.settings[k] ?? null)).map((k) => `${k} ${show(rec.settings[k])} -> ${show(expected.settings[k])}`);
  if (settings.length > 0) return `settings differ: ${settings.join('; ')}`;
  const roles = [...new Set([...Object.keys(rec.models), ...Object.keys(expected.models)])];
  const models = roles
    .filter((r) => rec.models[r]?.sha256 !== expected.models[r]?.sha256)
    .map((r) => `${r} ${rec.models[r]?.model ?? 'none'} -> ${expected.models[r]?.model ?? 'none'}${rec.models[r] && expected.models[r] ? ` (sha256 ${rec.models[r]!.sha256.slice(0, 12)} -> ${expected.models[r]!.sha256.slice(0, 12)})` : ''}`);
  if (models.length > 0) return `models differ: ${models.join('; ')}`;
  const lines = countLines(plan.jsonl);
  if (lines !== rec.frames) return `${path.basename(plan.jsonl)} has ${lines} lines, ${rec.frames} recorded`;
  return undefined;
}
