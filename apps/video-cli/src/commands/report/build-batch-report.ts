import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../shared/usage-error.js';
import type { RunFileSummary } from '../run/run-summary.js';
import { readFrameRecords } from './read-frame-records.js';
import type { InputReport, ReportData } from './report-data.js';
import { readRunManifest } from './run-manifest.js';
import { summarizeFrames } from './summarize-frames.js';
import { thumbnailDir } from './track-thumbnails.js';

const posix = (p: string): string => p.split(path.sep).join('/');

/** A run-summary entry for a JSONL found in a folder without a manifest. */
function discovered(outDir: string, jsonl: string): RunFileSummary {
  const stem = jsonl.slice(0, -'.jsonl'.length);
  const outputs = fs.readdirSync(outDir).filter((n) => n === jsonl || n.startsWith(`${stem}.annotated.`) || n === `${stem}.masks` || n === `${stem}.mask.png`);
  const kind = outputs.some((n) => n.endsWith('.annotated.png') || n.endsWith('.mask.png')) ? 'image' : 'video';
  return { input: path.join(outDir, jsonl), kind, status: 'done', frames: 0, elapsedMs: 0, fps: 0, outputs: outputs.map((n) => path.join(outDir, n)) };
}

function inputReport(outDir: string, f: RunFileSummary, known: boolean): InputReport {
  const jsonl = f.outputs.find((o) => o.endsWith('.jsonl'));
  const name = jsonl ? path.basename(jsonl, '.jsonl') : path.basename(f.input);
  const links: { jsonl?: string; annotated?: string; masks?: string } = {};
  const link = (key: keyof typeof links, test: (o: string) => boolean): void => {
    const o = f.outputs.find(test);
    if (o !== undefined && fs.existsSync(o)) links[key] = posix(path.relative(outDir, o));
  };
  link('jsonl', (o) => o.endsWith('.jsonl'));
  link('annotated', (o) => /\.annotated\.[^./\\]+$/.test(o));
  link('masks', (o) => o.endsWith('.masks') || o.endsWith('.mask.png'));
  const base = { name, input: f.input, kind: f.kind, status: f.status, ...(f.error !== undefined ? { error: f.error } : {}), links };
  const ok = f.status === 'done' || f.status === 'skipped';
  if (!ok || !jsonl || !fs.existsSync(jsonl)) return { ...base, frames: f.frames, fps: known && f.status === 'done' ? f.fps : null, framesWithFace: 0, tracks: 0 };
  const records = readFrameRecords(jsonl);
  const { series, framesWithFace, tracks } = summarizeFrames(records);
  const thumbs = thumbnailDir(jsonl);
  // a run writes the thumbnails just before it renames the JSONL into place: older ones belong to an earlier run
  const jsonlTime = fs.statSync(jsonl).mtimeMs;
  for (const tr of series.tracks) {
    const file = path.join(thumbs, `${tr.id}.jpg`);
    if (fs.existsSync(file) && fs.statSync(file).mtimeMs >= jsonlTime) tr.thumb = `data:image/jpeg;base64,${fs.readFileSync(file).toString('base64')}`;
  }
  return { ...base, frames: records.length, fps: known && f.status === 'done' ? f.fps : null, framesWithFace, tracks, series };
}

/**
 * Gather the batch section of report.html from an output folder: the run manifest
 * (`facepipe-run.json`, written by `run --report`) for the list of inputs with status, fps and
 * errors, else every `*.jsonl` in the folder; then each input's JSONL and track thumbnails.
 *
 * ## Example
 * ```ts
 * const batch = buildBatchReport('results');
 * batch.inputs.map((i) => [i.name, i.status, i.tracks]); // [['clip', 'done', 2], ['bad', 'failed', 0]]
 * ```
 * @param outDir The `--out` folder of a run.
 * @throws {UsageError} when the folder does not exist or holds neither a manifest nor JSONL files.
 * @throws {JsonlFormatError} for a JSONL line that breaks the frame-record contract.
 */
export function buildBatchReport(outDir: string): NonNullable<ReportData['batch']> {
  const dir = path.resolve(outDir);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`Expected \`out-dir\` to be an existing folder, got ${JSON.stringify(outDir)}`);
  const manifest = readRunManifest(dir);
  if (manifest) return { out: dir, stages: manifest.stages, inputs: manifest.files.map((f) => inputReport(dir, f, true)) };
  const found = fs.readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort();
  if (found.length === 0) throw new UsageError(`Expected \`out-dir\` ${JSON.stringify(outDir)} to hold facepipe-run.json or <name>.jsonl files from \`facepipe run\`, found neither`);
  const inputs = found.map((n) => inputReport(dir, discovered(dir, n), false));
  const stages = new Set<string>();
  for (const i of inputs) {
    if (i.series?.faces) stages.add('detect');
    if (i.series?.tracks.some((t) => t.yaw)) stages.add('pose');
    if (i.series?.coverage) stages.add('segment');
  }
  return { out: dir, stages: [...stages], inputs };
}
