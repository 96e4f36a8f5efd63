import fs from 'node:fs';
import path from 'node:path';
import { busyWorkerCount, discardPrewarmedWorkers, probeVideo, readImage, type Frame, type VideoInfo } from '@facepipe/core';
import { compareRunRecord } from '../../output/compare-run-record.js';
import { planOutputs } from '../../output/output-plan.js';
import { removeStalePartials } from '../../output/remove-stale-partials.js';
import { runRecordPath, writeRunRecord } from '../../output/run-record.js';
import { discoverInputs, type InputFile } from '../../shared/discover-inputs.js';
import { errorLine } from '../../shared/error-line.js';
import { openInputSources } from '../../shared/input-source.js';
import { EXIT } from '../../shared/exit.js';
import { createProgressReporter, type ProgressStream } from '../../shared/progress-reporter.js';
import { createStagePipeline } from '../../stages/create-stage-pipeline.js';
import { stageModelHashes } from '../../stages/stage-model-hashes.js';
import { expectedRunRecord } from './expected-run-record.js';
import { InterruptedError } from './interrupted-error.js';
import { probeInputs } from './probe-inputs.js';
import { pendingPipeline } from '../../stages/pending-pipeline.js';
import { processInput } from './process-input.js';
import type { RunOptions } from './run-options.js';
import { summarizeRun, type RunFileSummary } from './run-summary.js';
import { stopOnSignals } from './stop-on-signals.js';

const shown = (p: string): string => {
  const r = path.relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
};


/**
 * `facepipe run`: read `-` (standard input) and `http(s)://` inputs into temporary files (see
 * `openInputSources`), discover inputs, open the stage models once, process each input with its own
 * try/catch (one bad file is reported, the rest still complete), write outputs atomically, honour
 * `--skip-existing`, and stop cleanly on SIGINT/SIGTERM (pipeline unsubscribed so ffmpeg children
 * are killed, finished outputs kept, partial ones removed). Resolves to the exit code: 0 all done
 * or skipped, 1 an input failed, 130 interrupted.
 *
 * ## Example
 * ```ts
 * const code = await runAction(['clips/'], { ...options, out: 'results' });
 * ```
 * @throws {UsageError} when an input matches nothing, or for a bad `-`.
 * @throws {Error} when a URL input cannot be read.
 */
export async function runAction(
  inputs: readonly string[],
  options: RunOptions,
  io: { stdout: (s: string) => void; stderr: ProgressStream } = { stdout: (s) => process.stdout.write(s), stderr: process.stderr },
): Promise<number> {
  try {
    // one real-time stream: run-live.ts (its modules, like the report's, load only when asked for)
    if (options.live) return await (await import('./run-live.js')).runLive(inputs, options, io);
    const sources = await openInputSources(inputs);
    try {
      return await runLocalInputs(sources.inputs, options, io);
    } finally {
      await sources.dispose();
    }
  } finally {
    // workers prewarmed for models that were never opened (every input skipped, or a failure first)
    await discardPrewarmedWorkers();
  }
}

/**
 * Quiet runs need no ETA, so only the first video is probed up front: its probe runs while the models
 * open (the others are probed as each input starts).
 */
function firstProbe(files: readonly InputFile[]): Map<InputFile, Promise<VideoInfo>> {
  const first = files[0];
  const probes = new Map<InputFile, Promise<VideoInfo>>();
  if (first?.kind === 'video') {
    const probe = probeVideo(first.path);
    probe.catch(() => undefined); // a failed probe fails that input in processInput
    probes.set(first, probe);
  }
  return probes;
}

/** {@link runAction} once `-` and URLs are local files. */
async function runLocalInputs(inputs: readonly string[], options: RunOptions, io: { stdout: (s: string) => void; stderr: ProgressStream }): Promise<number> {
  const t0 = performance.now();
  const files = discoverInputs(inputs, { recursive: options.recursive, outDir: options.out });
  const outDir = path.resolve(options.out);
  fs.mkdirSync(outDir, { recursive: true });
  removeStalePartials(outDir);
  const plans = planOutputs(files, outDir, { annotate: options.annotate, masks: options.masks && options.stages.includes('segment') });

  const abort = new AbortController();
  // the partial outputs of the input in progress, removed at once when a second signal forces the exit
  let partials: readonly string[] = [];
  let inInput = false; // processInput running: its own cleanup (stream closed, partials removed) still to come
  const releaseSignals = stopOnSignals(abort, {
    onForce() {
      for (const p of partials) fs.rmSync(p, { recursive: true, force: true });
    },
    busy: () => busyWorkerCount() > 0 || inInput,
  });

  const summaries: RunFileSummary[] = files.map((f, i) => ({ input: f.path, kind: f.kind, status: 'pending', frames: 0, elapsedMs: 0, fps: 0, outputs: plans[i]!.all.slice() }));
  // what produced each output (<stem>.facepipe.json): --skip-existing keeps outputs only when it matches
  // start-up: without --skip-existing every input is processed, so the models start opening now, while the
  // model files are hashed for the run records (with it, once the records tell whether anything is left to do)
  const early = !options.skipExisting && files.length > 0 ? createStagePipeline(options) : undefined;
  early?.catch(() => undefined); // awaited below
  let modelHashes: Awaited<ReturnType<typeof stageModelHashes>>;
  try {
    modelHashes = await stageModelHashes(options);
  } catch (err) {
    await early?.then((p) => p.dispose(), () => undefined);
    throw err;
  }
  const records = files.map((f) => expectedRunRecord(f, options, modelHashes));
  const todo: number[] = [];
  const redo = new Map<number, string>();
  for (let i = 0; i < files.length; i++) {
    const why = options.skipExisting ? compareRunRecord(plans[i]!, records[i]!) : 'not asked to skip';
    if (why === undefined) summaries[i]!.status = 'skipped';
    else todo.push(i);
    if (why !== undefined && options.skipExisting && [...plans[i]!.all, runRecordPath(plans[i]!.jsonl)].some((p) => fs.existsSync(p))) redo.set(i, why);
  }

  // the models load while the videos are probed (start-up: both at once, not one after the other)
  const opening = early ?? (todo.length > 0 ? createStagePipeline(options) : undefined);
  opening?.catch(() => undefined); // awaited below, after probing
  // expected frames for the overall ETA; the probes go on to processInput (each video probed once)
  let probed: { expected: Map<InputFile, number | undefined> | ReadonlyMap<InputFile, number | undefined>; probes: ReadonlyMap<InputFile, Promise<VideoInfo>> };
  try {
    probed = options.quiet ? { expected: new Map<InputFile, number | undefined>(), probes: firstProbe(todo.map((i) => files[i]!)) } : await probeInputs(todo.map((i) => files[i]!), options);
  } catch (err) {
    await opening?.then((p) => p.dispose(), () => undefined);
    throw err;
  }
  const { expected, probes } = probed;
  const knownTotal = [...expected.values()].every((v) => v !== undefined) && expected.size > 0 ? [...expected.values()].reduce<number>((a, b) => a + (b ?? 0), 0) : undefined;
  const progress = createProgressReporter(io.stderr, { totalFiles: todo.length, ...(knownTotal !== undefined ? { expectedTotalFrames: knownTotal } : {}), quiet: options.quiet });
  for (let i = 0; i < files.length; i++) if (summaries[i]!.status === 'skipped' && !options.quiet) progress.note(`skipped (outputs complete): ${shown(files[i]!.path)}`);
  if (!options.quiet) for (const [i, why] of redo) progress.note(`re-doing ${shown(files[i]!.path)}: ${why}`);

  let interrupted = false;
  try {
    if (opening) {
      // start-up: the first input is decoded while the models open (its frames wait in the pending
      // pipeline); the others get the open one. Its elapsed time starts once the models are open, as before.
      const pending = pendingPipeline(opening, options.stages);
      let openedAt: number | undefined;
      opening.then(
        () => (openedAt = performance.now()),
        () => undefined,
      );
      // a folder of photos: the next image decodes (sharp, off the main thread) while this input runs
      let ahead: { readonly file: InputFile; readonly image: Promise<Frame> } | undefined;
      const decodeAhead = (file: InputFile | undefined): void => {
        ahead = file?.kind === 'image' && !abort.signal.aborted ? { file, image: readImage(file.path) } : undefined;
        ahead?.image.catch(() => undefined); // a failed decode fails that input in processInput
      };
      try {
        for (const [n, i] of todo.entries()) {
          const pipeline = n === 0 ? pending : await opening;
          const file = files[i]!;
          const image = ahead?.file === file ? ahead.image : undefined;
          decodeAhead(n + 1 < todo.length ? files[todo[n + 1]!] : undefined);
          const s = summaries[i]!;
          if (abort.signal.aborted) {
            interrupted = true;
            break;
          }
          const start = performance.now();
          progress.startFile(path.basename(file.path), expected.get(file));
          try {
            const probe = probes.get(file);
            const onFrame = (): void => {
              s.frames++; // counted as they are written, so a failed or interrupted input reports its real count
              progress.frame();
            };
            const onPartials = (paths: readonly string[]): void => {
              partials = paths;
            };
            inInput = true;
            // the old record goes first: outputs being replaced never carry a record that does not describe them
            fs.rmSync(runRecordPath(plans[i]!.jsonl), { force: true });
            const r = await processInput({ ...file, ...(probe ? { probe } : {}), ...(image ? { image } : {}) }, plans[i]!, { ...options, faces: options.stages.includes('detect') }, pipeline, { onFrame, onPartials }, abort.signal);
            writeRunRecord(plans[i]!.jsonl, { ...records[i]!, frames: r.frames });
            s.status = 'done';
            s.frames = r.frames;
            if (r.damage !== undefined) s.damage = errorLine(r.damage);
            progress.endFile('done', r.damage !== undefined ? `${shown(plans[i]!.jsonl)} (DAMAGED input, decodable frames only: ${s.damage})` : shown(plans[i]!.jsonl));
          } catch (err) {
            // models that failed to open fail the run, not this input (as when they were awaited first)
            const notOpened = await opening.then(
              () => undefined,
              (e: unknown) => ({ e }),
            );
            if (notOpened) throw notOpened.e;
            if (err instanceof InterruptedError || abort.signal.aborted) {
              s.status = 'interrupted';
              interrupted = true;
              progress.endFile('interrupted', 'partial outputs removed');
              break;
            }
            s.status = 'failed';
            s.error = errorLine(err);
            progress.endFile('failed', s.error);
          } finally {
            inInput = false;
            partials = [];
            s.elapsedMs = Math.round(performance.now() - (openedAt !== undefined && openedAt > start ? openedAt : start));
            s.fps = s.elapsedMs > 0 ? Math.round((s.frames * 1e5) / s.elapsedMs) / 100 : 0;
          }
        }
      } finally {
        await opening.then(
          (p) => p.dispose(),
          () => undefined,
        );
      }
    }
  } finally {
    progress.close();
    releaseSignals();
  }

  const elapsedMs = Math.round(performance.now() - t0);
  const summary = summarizeRun(summaries, { elapsedMs, interrupted, out: outDir, stages: options.stages });
  const report = options.report && !interrupted ? (await import('../report/finish-run-report.js')).finishRunReport(summary) : undefined;
  if (report && !options.quiet) io.stderr.write(`report: ${shown(report)}\n`);
  if (options.json) io.stdout(`${JSON.stringify(summary)}\n`);
  else if (!options.quiet) {
    io.stderr.write(
      `${summary.done} done${summary.damaged > 0 ? ` (${summary.damaged} damaged)` : ''}, ${summary.skipped} skipped, ${summary.failed} failed${interrupted ? ', interrupted' : ''}; ${summary.frames} frames in ${(elapsedMs / 1000).toFixed(1)}s; outputs in ${outDir}\n`,
    );
  }
  return interrupted ? EXIT.interrupted : summary.failed > 0 ? EXIT.failed : EXIT.ok;
}
