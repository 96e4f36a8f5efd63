import fs from 'node:fs';
import path from 'node:path';
import { probeVideo } from '@facepipe/core';
import { removeStalePartials } from './remove-stale-partials.js';
import { EXIT, type RunOptions } from './cli-options.js';
import { createStagePipeline } from './create-stage-pipeline.js';
import { discoverInputs } from './discover-inputs.js';
import { InterruptedError } from './interrupted-error.js';
import { outputsComplete, planOutputs } from './output-plan.js';
import { expectedFrameCount } from './expected-frame-count.js';
import { processInput } from './process-input.js';
import { createProgressReporter, type ProgressStream } from './progress-reporter.js';

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
}

/** The `--json` summary of a run. */
export interface RunSummary {
  ok: boolean;
  interrupted: boolean;
  done: number;
  skipped: number;
  failed: number;
  frames: number;
  elapsedMs: number;
  fps: number;
  out: string;
  stages: string[];
  files: RunFileSummary[];
}

const shown = (p: string): string => {
  const r = path.relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
};

/** An error as the one- or two-line text `run` reports for a failed input (`DecoderError: … | …`); `worker` stores the same text on failed jobs. */
export const errLine = (err: unknown): string => (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).split('\n').filter(Boolean).slice(0, 2).join(' | ');

/**
 * `facepipe run`: discover inputs, open the stage models once, process each input with its own
 * try/catch (one bad file is reported, the rest still complete), write outputs atomically, honour
 * `--skip-existing`, and stop cleanly on SIGINT/SIGTERM (pipeline unsubscribed so ffmpeg children
 * are killed, finished outputs kept, partial ones removed). Resolves to the exit code: 0 all done
 * or skipped, 1 an input failed, 130 interrupted.
 *
 * ## Example
 * ```ts
 * const code = await runCommand(['clips/'], { ...options, out: 'results' });
 * ```
 * @throws {UsageError} when an input matches nothing.
 */
export async function runCommand(
  inputs: readonly string[],
  options: RunOptions,
  io: { stdout: (s: string) => void; stderr: ProgressStream } = { stdout: (s) => process.stdout.write(s), stderr: process.stderr },
): Promise<number> {
  const t0 = performance.now();
  const files = discoverInputs(inputs, { recursive: options.recursive });
  const outDir = path.resolve(options.out);
  fs.mkdirSync(outDir, { recursive: true });
  removeStalePartials(outDir);
  const plans = planOutputs(files, outDir, { annotate: options.annotate, masks: options.masks && options.stages.includes('segment') });

  const abort = new AbortController();
  let signalCount = 0;
  const onSignal = (sig: NodeJS.Signals): void => {
    signalCount++;
    if (signalCount > 1) process.exit(EXIT.interrupted);
    abort.abort(sig);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const summaries: RunFileSummary[] = files.map((f, i) => ({ input: f.path, kind: f.kind, status: 'pending', frames: 0, elapsedMs: 0, fps: 0, outputs: plans[i]!.all.slice() }));
  const todo: number[] = [];
  for (let i = 0; i < files.length; i++) {
    if (options.skipExisting && outputsComplete(plans[i]!)) summaries[i]!.status = 'skipped';
    else todo.push(i);
  }

  // expected frames, for the overall ETA (ffprobe is cheap next to decoding)
  const expected = new Map<number, number | undefined>();
  if (!options.quiet) {
    for (const i of todo) {
      const f = files[i]!;
      if (f.kind === 'image') expected.set(i, 1);
      else expected.set(i, await probeVideo(f.path).then((info) => expectedFrameCount(info, options), () => undefined));
    }
  }
  const knownTotal = [...expected.values()].every((v) => v !== undefined) && expected.size > 0 ? [...expected.values()].reduce<number>((a, b) => a + (b ?? 0), 0) : undefined;
  const progress = createProgressReporter(io.stderr, { totalFiles: todo.length, ...(knownTotal !== undefined ? { expectedTotalFrames: knownTotal } : {}), quiet: options.quiet });
  for (let i = 0; i < files.length; i++) if (summaries[i]!.status === 'skipped' && !options.quiet) progress.note(`skipped (outputs complete): ${shown(files[i]!.path)}`);

  let interrupted = false;
  try {
    if (todo.length > 0) {
      const pipeline = await createStagePipeline(options);
      try {
        for (const i of todo) {
          const file = files[i]!;
          const s = summaries[i]!;
          if (abort.signal.aborted) {
            interrupted = true;
            break;
          }
          const start = performance.now();
          progress.startFile(path.basename(file.path), expected.get(i));
          try {
            const r = await processInput(file, plans[i]!, pipeline, { ...options, faces: options.stages.includes('detect') }, { onFrame: () => progress.frame(), signal: abort.signal });
            s.status = 'done';
            s.frames = r.frames;
            progress.endFile('done', shown(plans[i]!.jsonl));
          } catch (err) {
            if (err instanceof InterruptedError || abort.signal.aborted) {
              s.status = 'interrupted';
              interrupted = true;
              progress.endFile('interrupted', 'partial outputs removed');
              break;
            }
            s.status = 'failed';
            s.error = errLine(err);
            progress.endFile('failed', s.error);
          } finally {
            s.elapsedMs = Math.round(performance.now() - start);
            s.fps = s.elapsedMs > 0 ? Math.round((s.frames * 1e5) / s.elapsedMs) / 100 : 0;
          }
        }
      } finally {
        await pipeline.dispose();
      }
    }
  } finally {
    progress.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const elapsedMs = Math.round(performance.now() - t0);
  const frames = summaries.reduce((a, s) => a + s.frames, 0);
  const failed = summaries.filter((s) => s.status === 'failed').length;
  const summary: RunSummary = {
    ok: failed === 0 && !interrupted,
    interrupted,
    done: summaries.filter((s) => s.status === 'done').length,
    skipped: summaries.filter((s) => s.status === 'skipped').length,
    failed,
    frames,
    elapsedMs,
    fps: elapsedMs > 0 ? Math.round((frames * 1e5) / elapsedMs) / 100 : 0,
    out: outDir,
    stages: [...options.stages],
    files: summaries,
  };
  if (options.json) io.stdout(`${JSON.stringify(summary)}\n`);
  else if (!options.quiet) {
    io.stderr.write(
      `${summary.done} done, ${summary.skipped} skipped, ${summary.failed} failed${interrupted ? ', interrupted' : ''}; ${frames} frames in ${(elapsedMs / 1000).toFixed(1)}s; outputs in ${outDir}\n`,
    );
  }
  return interrupted ? EXIT.interrupted : failed > 0 ? EXIT.failed : EXIT.ok;
}
