import fs from 'node:fs';
import path from 'node:path';
import { createLiveMonitor, liveLatencyMs, readFrames, releaseFrames, writeFrames, type Frame, type LiveEvent } from '@facepipe/core';
import { fromEvent, identity, map, take, takeUntil, type Observable } from '../../shared/rxjs.js';
import { annotateFrame } from '@facepipe/landmarks';
import { frameRecord } from '../../output/frame-record.js';
import { createLiveJsonlWriter } from '../../output/live-jsonl-writer.js';
import { errorLine } from '../../shared/error-line.js';
import { EXIT } from '../../shared/exit.js';
import type { ProgressStream } from '../../shared/progress-reporter.js';
import { UsageError } from '../../shared/usage-error.js';
import { createStagePipeline } from '../../stages/create-stage-pipeline.js';
import { formatLiveStatus, createLiveStatus } from './live-status.js';
import { planLiveOutputs } from './live-outputs.js';
import type { RunOptions } from './run-options.js';
import { stopOnSignals } from './stop-on-signals.js';

/** After Ctrl-C the frames already in the stages are finished and the video closed; past this the pipeline is cut. */
const STOP_GRACE_MS = 10_000;

const r1 = (v: number): number => Math.round(v * 10) / 10;

function check(inputs: readonly string[], options: RunOptions): string {
  if (inputs.length !== 1) throw new UsageError(`--live takes exactly one input (a stream URL or - for stdin), got ${inputs.length}`);
  const conflicts: [boolean, string][] = [
    [options.masks, '--masks'],
    [options.report === true, '--report'],
    [options.skipExisting, '--skip-existing'],
    [options.every !== undefined, '--every (use --fps to sample a live stream)'],
  ];
  for (const [bad, flag] of conflicts) if (bad) throw new UsageError(`${flag} cannot be used with --live`);
  if (options.json && options.out === '-') throw new UsageError('--json and --out - both write to stdout: pick one');
  if (inputs[0] === '-' && options.reconnect) throw new UsageError('--reconnect cannot be used with - (stdin cannot be reopened)');
  return inputs[0]!;
}

/**
 * `facepipe run <url|-> --live`: one live stream through the stages in real time. Frames the
 * pipeline cannot take in time are dropped (newest wins, at most `--max-in-flight` in the
 * pipeline, default 1); each result is written at once as one JSONL line with its `arrivalMs`
 * and `latencyMs` (to a file or, with `--out -`, stdout); on a TTY stderr shows fps, latency,
 * drop rate and reconnects; `--annotate` writes a fragmented mp4 that stays playable if the
 * process is killed; `--reconnect` retries a dropped stream with backoff; `--listen` waits for the
 * sender to connect (RTSP push, TCP). Ends at the end of the stream or when the reader of
 * `--out -` goes away (exit 0), or on SIGINT/SIGTERM after finishing the frames in flight and
 * closing the outputs (exit 130, as a batch run; a second signal exits at once).
 *
 * ## Example
 * ```ts
 * await runLive(['tcp://127.0.0.1:5000'], { ...options, live: true, out: '-' }, io); // JSONL on io.stdout
 * ```
 * @throws {UsageError} for flags that do not apply to a live stream.
 */
export async function runLive(inputs: readonly string[], options: RunOptions, io: { stdout: (s: string) => void; stderr: ProgressStream }): Promise<number> {
  const input = check(inputs, options);
  const outputs = planLiveOutputs(input, options.out, options.annotate);
  if (outputs.jsonl !== '-') {
    try {
      fs.mkdirSync(path.dirname(outputs.jsonl), { recursive: true });
    } catch (err) {
      throw new UsageError(`--out ${options.out}: cannot create the folder ${path.dirname(outputs.jsonl)} (${(err as Error).message})`);
    }
  }
  const t0 = performance.now();
  const pipeline = await createStagePipeline(options);
  const monitor = createLiveMonitor();
  const status = createLiveStatus(io.stderr, () => monitor.stats(), { quiet: options.quiet });
  const abort = new AbortController();
  const releaseSignals = stopOnSignals(abort);
  // --out -: a reader that goes away (`| head`) is an EPIPE on stdout: stop like on Ctrl-C, exit 0
  let stdoutClosed = false;
  const onStdoutError = (): void => {
    stdoutClosed = true;
    abort.abort('stdout closed');
  };
  if (outputs.jsonl === '-') process.stdout.on('error', onStdoutError);
  const faces = options.stages.includes('detect');
  const onEvent = (e: LiveEvent): void => {
    monitor.onEvent(e);
    status.onEvent(e);
  };
  let failure: unknown;
  let writer: ReturnType<typeof createLiveJsonlWriter> | undefined;
  try {
    const jsonl = (writer = createLiveJsonlWriter(outputs.jsonl === '-' ? (text) => !stdoutClosed && io.stdout(text) : outputs.jsonl));
    const record = (frame: Frame): Frame => {
      const mask = pipeline.mask(frame);
      jsonl.write({ ...frameRecord(frame, { faces, ...(mask ? { mask: { coverage: mask.coverage } } : {}) }), arrivalMs: r1(frame.arrivalMs ?? NaN), latencyMs: r1(liveLatencyMs(frame)) });
      return frame;
    };
    const frames: Observable<Frame> = readFrames(input, {
      live: { onEvent, ...(options.reconnect ? { reconnect: true } : {}), ...(options.listen ? { listen: true } : {}) },
      release: 'manual',
      maxInFlight: options.maxInFlight,
      ...(options.fps !== undefined ? { fps: options.fps } : {}),
    }).pipe(takeUntil(fromEvent(abort.signal, 'abort')), options.maxFrames !== undefined ? take(options.maxFrames) : identity);
    let results = frames.pipe(pipeline.operator(), map(record), monitor.measure());
    if (outputs.annotated) {
      // the encoder sees annotated copies; the decoder's frames are released after it took them
      const originals = new WeakMap<Frame, Frame>();
      results = results.pipe(
        map((f) => {
          const mask = pipeline.mask(f);
          const a = annotateFrame(f, mask ? { mask } : {});
          originals.set(a, f);
          return a;
        }),
        writeFrames(outputs.annotated, { fps: options.fps ?? 30, fragmented: true, preset: 'ultrafast' }),
        map((a) => originals.get(a) ?? a),
      );
    }
    await new Promise<void>((resolve, reject) => {
      const sub = results.pipe(releaseFrames()).subscribe({ error: reject, complete: resolve });
      // takeUntil ends the source on abort; the rest drains. Cut it if it does not within the grace time.
      abort.signal.addEventListener('abort', () => setTimeout(() => (sub.unsubscribe(), resolve()), STOP_GRACE_MS).unref(), { once: true });
    });
  } catch (err) {
    failure = err;
  } finally {
    status.close();
    writer?.close();
    releaseSignals();
    process.stdout.off('error', onStdoutError);
    await pipeline.dispose();
  }
  const s = monitor.stats();
  const interrupted = abort.signal.aborted && !stdoutClosed;
  const summary = {
    input,
    status: failure ? 'failed' : interrupted ? 'interrupted' : stdoutClosed ? 'stdout closed' : 'done',
    ...(failure ? { error: errorLine(failure) } : {}),
    frames: s.frames,
    dropped: s.dropped,
    dropRate: Math.round(s.dropRate * 1e4) / 1e4,
    reconnects: s.reconnects,
    latencyMs: s.latencyMs ? { p50: r1(s.latencyMs.p50), p95: r1(s.latencyMs.p95), max: r1(s.latencyMs.max) } : null,
    elapsedMs: Math.round(performance.now() - t0),
    outputs: [outputs.jsonl, ...(outputs.annotated ? [outputs.annotated] : [])],
  };
  if (options.json && !stdoutClosed) io.stdout(`${JSON.stringify(summary)}\n`);
  if (failure) io.stderr.write(`live: failed: ${summary.error}\n`);
  else if (!options.quiet) io.stderr.write(`live: ${summary.status}, ${s.frames} frames in ${(summary.elapsedMs / 1000).toFixed(1)}s (${formatLiveStatus(s, { state: false })}); outputs: ${summary.outputs.join(', ')}\n`);
  return failure ? EXIT.failed : interrupted ? EXIT.interrupted : EXIT.ok;
}
