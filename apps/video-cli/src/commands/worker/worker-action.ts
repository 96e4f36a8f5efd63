import fs from 'node:fs';
import os from 'node:os';
import { InferenceError } from '@facepipe/core';
import { Queue, UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import { parseInputJob, type InputJobData, type InputJobProgress, type InputJobResult, type JobSettings } from '../../cluster/input-job.js';
import { isPermanentError } from '../../cluster/is-permanent-error.js';
import { redactRedisUrl, redisConnection } from '../../cluster/redis-connection.js';
import { removeJobPartials } from '../../cluster/remove-job-partials.js';
import { EXIT } from '../../shared/exit.js';
import { createStagePipeline } from '../../stages/create-stage-pipeline.js';
import { InterruptedError } from '../run/interrupted-error.js';
import { compareRunRecord } from '../../output/compare-run-record.js';
import { runRecordPath, writeRunRecord } from '../../output/run-record.js';
import { stageModelHashes } from '../../stages/stage-model-hashes.js';
import { expectedRunRecord } from '../run/expected-run-record.js';
import { processInput } from '../run/process-input.js';
import { errorLine } from '../../shared/error-line.js';
import type { StagePipeline } from '../../stages/stage-pipeline.js';
import type { WorkerOptions } from './worker-options.js';

const PROGRESS_EVERY_MS = 500;

const modelKey = (s: JobSettings): string => JSON.stringify([s.stages, s.detector, s.landmarks, s.pose, s.segmenter, s.int8, s.mode, s.detectEvery]);

/**
 * `facepipe worker`: take input jobs from the queue and run each through the same `processInput`
 * as `facepipe run` (same models, same atomic outputs), reporting `{ frames, expected }` progress on
 * the job and returning the per-input summary. Models are opened once per distinct model setting
 * and shared by the jobs. Permanent errors (see {@link isPermanentError}) fail the job at once with
 * the error text; others are retried by BullMQ with the job's backoff. SIGINT/SIGTERM abort the
 * current jobs, remove their partial outputs and hand them back to the queue (waiting, no attempt
 * used), then exit 130; a second signal exits at once. A killed worker's job is recovered by the
 * others once its lock (`lockMs`) expires. The worker only opens outbound connections to Redis.
 *
 * ## Example
 * ```ts
 * process.exitCode = await workerAction({ redis: 'redis://queue:6379', queue: 'facepipe', concurrency: 1, workers: 1, maxInFlight: 8, lockMs: 30000, exitWhenIdle: false, quiet: false });
 * ```
 * @throws {UsageError} for a bad `--redis` URL.
 */
export async function workerAction(options: WorkerOptions, io: { stderr: (s: string) => void } = { stderr: (s) => process.stderr.write(s) }): Promise<number> {
  const connection = redisConnection(options.redis);
  const me = `${os.hostname()}:${process.pid}`;
  // --quiet keeps failures and Redis trouble, like run's --quiet keeps errors
  const log = (s: string, always = false): void => {
    if (always || !options.quiet) io.stderr(`worker ${me}: ${s}\n`);
  };
  const pipelines = new Map<string, Promise<StagePipeline>>();
  const pipelineFor = (s: JobSettings): Promise<StagePipeline> => {
    const key = modelKey(s);
    let p = pipelines.get(key);
    if (!p) {
      p = createStagePipeline({ ...s, workers: options.workers, ...(options.threads !== undefined ? { threads: options.threads } : {}), ...(options.stageConcurrency !== undefined ? { concurrency: options.stageConcurrency } : {}) });
      pipelines.set(key, p);
      p.catch(() => pipelines.delete(key));
    }
    return p;
  };
  const dropPipeline = async (s: JobSettings): Promise<void> => {
    const p = pipelines.get(modelKey(s));
    pipelines.delete(modelKey(s));
    await p?.then((x) => x.dispose()).catch(() => {});
  };
  const shutdown = new AbortController();

  const processor = async (job: Job<InputJobData, InputJobResult>, token: string | undefined, signal?: AbortSignal): Promise<InputJobResult> => {
    let data: InputJobData;
    try {
      data = parseInputJob(job.data);
    } catch (err) {
      throw new UnrecoverableError(errorLine(err));
    }
    const base = { input: data.input.path, kind: data.input.kind, outputs: data.plan.all.slice(), worker: me };
    // the same run record as `facepipe run`: skip only outputs this job's settings and models produced
    const record = expectedRunRecord(data.input, data.settings, await stageModelHashes(data.settings));
    if (data.skipExisting && compareRunRecord(data.plan, record) === undefined) return { ...base, status: 'skipped', frames: 0, elapsedMs: 0, fps: 0 };
    const stale = removeJobPartials(data.plan);
    if (stale.length > 0) log(`removed ${stale.length} partial output(s) of an earlier attempt of ${data.input.path}`);
    log(`start ${data.input.path} (job ${job.id}, attempt ${job.attemptsMade + 1})`);
    const abort = AbortSignal.any(signal ? [signal, shutdown.signal] : [shutdown.signal]);
    let frames = 0;
    let modelLoadMs = 0;
    let expected: number | undefined;
    let lastReport = 0;
    let reporting = false;
    const report = (force: boolean): void => {
      const now = performance.now();
      if (reporting || (!force && now - lastReport < PROGRESS_EVERY_MS)) return;
      lastReport = now;
      reporting = true;
      const progress: InputJobProgress = { frames, ...(expected !== undefined ? { expected } : {}) };
      // progress is best effort: a Redis blip must not fail the job
      job.updateProgress(progress).then(
        () => (reporting = false),
        () => (reporting = false),
      );
    };
    try {
      const tLoad = performance.now();
      const pipeline = await pipelineFor(data.settings);
      const t0 = performance.now();
      modelLoadMs = Math.round(t0 - tLoad);
      const settings = { ...data.settings, maxInFlight: options.maxInFlight, faces: data.settings.stages.includes('detect') };
      const progress = {
        onFrame: () => {
          frames++;
          report(false);
        },
        onExpected: (n: number | undefined) => {
          expected = n;
          report(true);
        },
      };
      fs.rmSync(runRecordPath(data.plan.jsonl), { force: true }); // outputs being replaced never keep a record that does not describe them
      const r = await processInput(data.input, data.plan, settings, pipeline, progress, abort);
      writeRunRecord(data.plan.jsonl, { ...record, frames: r.frames });
      const elapsedMs = Math.round(performance.now() - t0);
      log(`done ${data.input.path}: ${r.frames} frames in ${(elapsedMs / 1000).toFixed(1)}s`);
      return { ...base, status: 'done', frames: r.frames, elapsedMs, fps: elapsedMs > 0 ? Math.round((r.frames * 1e5) / elapsedMs) / 100 : 0, modelLoadMs };
    } catch (err) {
      if (shutdown.signal.aborted && (err instanceof InterruptedError || abort.aborted)) {
        // hand the job back untouched: another worker (or this one, restarted) takes it from the start
        await job.moveToWait(token);
        log(`handed back ${data.input.path} (${String(shutdown.signal.reason)})`);
        throw new WaitingError();
      }
      if (err instanceof InferenceError) await dropPipeline(data.settings); // a crashed model worker: reopen for the retry
      const line = errorLine(err);
      if (isPermanentError(err)) {
        log(`failed ${data.input.path}: ${line}`, true);
        throw new UnrecoverableError(line);
      }
      const attempts = job.opts.attempts ?? 1;
      log(job.attemptsMade + 1 < attempts ? `error, will retry (attempt ${job.attemptsMade + 1} of ${attempts}) ${data.input.path}: ${line}` : `failed after ${attempts} attempt(s) ${data.input.path}: ${line}`, true);
      throw new Error(line, { cause: err });
    }
  };

  const worker = new Worker<InputJobData, InputJobResult>(options.queue, processor, {
    connection,
    concurrency: options.concurrency,
    lockDuration: options.lockMs,
    stalledInterval: options.lockMs,
    maxStalledCount: 2,
    autorun: false,
  });
  let lastError = '';
  worker.on('error', (err) => {
    const msg = err instanceof Error ? err.message : String(err);
    if (msg !== lastError) log(`redis: ${msg}`, true);
    lastError = msg;
  });
  worker.on('ready', () => {
    if (lastError) log('redis: connected again', true);
    lastError = '';
  });

  let signals = 0;
  const onSignal = (sig: NodeJS.Signals): void => {
    if (++signals > 1) process.exit(EXIT.interrupted);
    log(`${sig}: handing back current jobs and exiting`);
    shutdown.abort(sig);
    void worker.close();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let idleTimer: NodeJS.Timeout | undefined;
  let idleQueue: Queue | undefined;
  if (options.exitWhenIdle) {
    idleQueue = new Queue(options.queue, { connection });
    idleQueue.on('error', () => {});
    const check = async (): Promise<void> => {
      try {
        const c = await idleQueue!.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        if (Object.values(c).every((n) => n === 0)) {
          log('queue is idle: exiting');
          void worker.close();
          return;
        }
      } catch {
        // Redis away: check again later
      }
      idleTimer = setTimeout(() => void check(), 1000);
    };
    idleTimer = setTimeout(() => void check(), 1000);
  }

  log(`waiting for jobs on ${options.queue} at ${redactRedisUrl(options.redis)} (concurrency ${options.concurrency})`);
  try {
    await worker.run();
  } finally {
    if (idleTimer) clearTimeout(idleTimer);
    await idleQueue?.close();
    await worker.close();
    for (const p of pipelines.values()) await p.then((x) => x.dispose()).catch(() => {});
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return shutdown.signal.aborted ? EXIT.interrupted : EXIT.ok;
}
