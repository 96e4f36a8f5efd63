/** One input in the `--json` summary. */
export interface RunFileSummary {
  input: string;
  kind: 'image' | 'video';
  status: 'done' | 'skipped' | 'failed' | 'interrupted' | 'pending';
  frames: number;
  elapsedMs: number;
  fps: number;
  outputs: string[];
  error?: string;
  /** `--keep-decodable`: the video was damaged (this says how) and only its decodable frames were processed. */
  damage?: string;
}

/** The `--json` summary of a run. */
export interface RunSummary {
  ok: boolean;
  interrupted: boolean;
  done: number;
  skipped: number;
  failed: number;
  /** Inputs done from their decodable frames only (`--keep-decodable`). */
  damaged: number;
  frames: number;
  elapsedMs: number;
  fps: number;
  out: string;
  stages: string[];
  files: RunFileSummary[];
}

/**
 * The summary of a finished (or interrupted) run from its per-input entries: counts per status,
 * total frames and overall frames/s.
 *
 * ## Example
 * ```ts
 * summarizeRun(files, { elapsedMs: 2000, interrupted: false, out: '/r', stages: ['detect'] });
 * // { ok: true, done: 2, skipped: 0, failed: 0, frames: 100, fps: 50, ... }
 * ```
 */
export function summarizeRun(files: RunFileSummary[], run: { elapsedMs: number; interrupted: boolean; out: string; stages: readonly string[] }): RunSummary {
  const frames = files.reduce((a, s) => a + s.frames, 0);
  const failed = files.filter((s) => s.status === 'failed').length;
  return {
    ok: failed === 0 && !run.interrupted,
    interrupted: run.interrupted,
    done: files.filter((s) => s.status === 'done').length,
    skipped: files.filter((s) => s.status === 'skipped').length,
    failed,
    damaged: files.filter((s) => s.damage !== undefined).length,
    frames,
    elapsedMs: run.elapsedMs,
    fps: run.elapsedMs > 0 ? Math.round((frames * 1e5) / run.elapsedMs) / 100 : 0,
    out: run.out,
    stages: [...run.stages],
    files,
  };
}
