import { Queue } from 'bullmq';
import type { InputJobData, InputJobProgress, InputJobResult } from '../../cluster/input-job.js';
import { redisConnection } from '../../cluster/redis-connection.js';
import { EXIT } from '../../shared/exit.js';
import type { ProgressStream } from '../../shared/progress-reporter.js';
import { formatStatus } from './format-status.js';
import type { QueueSnapshot } from './queue-snapshot.js';
import type { StatusOptions } from './status-options.js';

type InputQueue = Queue<InputJobData, InputJobResult>;

const progressOf = (p: unknown): InputJobProgress => {
  const o = (typeof p === 'object' && p !== null ? p : {}) as Partial<InputJobProgress>;
  return { frames: typeof o.frames === 'number' ? o.frames : 0, ...(typeof o.expected === 'number' ? { expected: o.expected } : {}) };
};

/**
 * Reads queue snapshots; completed jobs never change, so their results are fetched once and kept
 * (a `--watch` over a 50,000-job batch only reads the jobs that finished since the last poll).
 */
function createSnapshotReader(queue: InputQueue, name: string): () => Promise<QueueSnapshot> {
  const done = new Map<string, { frames: number; start?: number; end?: number }>();
  return async () => {
    const counts = await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized');
    const completedCount = counts.completed ?? 0;
    if (completedCount > done.size) {
      // newest first: the top (count - known) are the new ones, unless jobs were removed meanwhile
      // (then a known job shows up among them) and everything is read again
      const fresh = await queue.getCompleted(0, completedCount - done.size - 1);
      const list = fresh.some((j) => j?.id !== undefined && done.has(j.id)) ? await queue.getCompleted(0, -1) : fresh;
      for (const j of list) if (j?.id) done.set(j.id, { frames: j.returnvalue?.frames ?? 0, ...(j.processedOn ? { start: j.processedOn } : {}), ...(j.finishedOn ? { end: j.finishedOn } : {}) });
    }
    const [activeJobs, failedJobs] = await Promise.all([queue.getActive(), queue.getFailed()]);
    const now = Date.now();
    const active = activeJobs.filter(Boolean).map((j) => ({ id: j.id!, input: j.data?.input?.path ?? '?', ...progressOf(j.progress), attempt: j.attemptsMade + 1, ...(j.processedOn ? { startedAt: j.processedOn } : {}) }));
    const failed = failedJobs.filter(Boolean).map((j) => ({ id: j.id!, input: j.data?.input?.path ?? '?', reason: j.failedReason ?? '', attempts: j.attemptsMade }));
    const finishedRuns = [...done.values()];
    const starts = [...finishedRuns.map((d) => d.start), ...active.map((a) => a.startedAt), ...failedJobs.map((j) => j?.processedOn)].filter((t): t is number => typeof t === 'number');
    const ends = [...finishedRuns.map((d) => d.end), ...failedJobs.map((j) => j?.finishedOn)].filter((t): t is number => typeof t === 'number');
    const t0 = starts.length > 0 ? Math.min(...starts) : now;
    const t1 = active.length > 0 || ends.length === 0 ? now : Math.max(...ends);
    const frames = finishedRuns.reduce((a, d) => a + d.frames, 0) + active.reduce((a, j) => a + j.frames, 0);
    const elapsedMs = Math.max(0, t1 - t0);
    const fps = elapsedMs > 0 ? Math.round((frames * 1e5) / elapsedMs) / 100 : 0;
    const waiting = (counts.waiting ?? 0) + (counts.prioritized ?? 0);
    const delayed = counts.delayed ?? 0;
    const withFrames = finishedRuns.filter((d) => d.frames > 0);
    const meanFrames = withFrames.length > 0 ? withFrames.reduce((a, d) => a + d.frames, 0) / withFrames.length : undefined;
    const activeLeft = active.every((a) => a.expected !== undefined) ? active.reduce((a, j) => a + Math.max(0, (j.expected ?? 0) - j.frames), 0) : undefined;
    const queuedLeft = waiting + delayed === 0 ? 0 : meanFrames !== undefined ? (waiting + delayed) * meanFrames : undefined;
    const idle = waiting + delayed + active.length === 0;
    const etaMs = idle ? 0 : activeLeft !== undefined && queuedLeft !== undefined && fps > 0 ? Math.round(((activeLeft + queuedLeft) * 1000) / fps) : undefined;
    return {
      queue: name,
      counts: { waiting, active: counts.active ?? 0, completed: completedCount, failed: counts.failed ?? 0, delayed },
      active,
      failed,
      frames,
      elapsedMs,
      fps,
      ...(etaMs !== undefined ? { etaMs } : {}),
      idle,
    };
  };
}

/**
 * `facepipe status`: waiting/active/completed/failed counts, per-job progress, failed inputs with
 * their reasons, overall frames/s and ETA. `--watch` redraws (a TTY in place, otherwise one block
 * per interval) until nothing is waiting, delayed or active; `--json` prints the snapshot as JSON
 * (one line per poll with `--watch`). Resolves to 1 when a job has failed, else 0.
 *
 * ## Example
 * ```ts
 * await statusAction({ redis: 'redis://queue:6379', queue: 'facepipe', watch: true, intervalMs: 1000, json: false });
 * ```
 * @throws {UsageError} for a bad `--redis` URL.
 */
export async function statusAction(options: StatusOptions, io: { stdout: (s: string) => void; stderr: ProgressStream } = { stdout: (s) => process.stdout.write(s), stderr: process.stderr }): Promise<number> {
  const connection = redisConnection(options.redis, { maxReconnects: options.watch ? 12 : 3 });
  const queue: InputQueue = new Queue(options.queue, { connection });
  queue.on('error', () => {});
  const read = createSnapshotReader(queue, options.queue);
  const tty = options.watch && !options.json && io.stderr.isTTY === true;
  let drawn = 0;
  let stop = false;
  const onSignal = (): void => void (stop = true);
  process.on('SIGINT', onSignal);
  let last: QueueSnapshot | undefined;
  try {
    for (;;) {
      last = await read();
      if (options.json) io.stdout(`${JSON.stringify(last)}\n`);
      else {
        const lines = formatStatus(last, io.stderr.isTTY === true ? Math.max(40, (io.stderr.columns || 120) - 1) : Infinity);
        if (tty && drawn > 0) io.stderr.write(`\x1b[${drawn}F\x1b[J`);
        io.stderr.write(`${lines.join('\n')}\n`);
        drawn = lines.length;
      }
      if (!options.watch || last.idle || stop) break;
      await new Promise((r) => setTimeout(r, options.intervalMs));
      if (stop) break;
    }
  } finally {
    process.off('SIGINT', onSignal);
    await queue.close();
  }
  return last && last.counts.failed > 0 ? EXIT.failed : EXIT.ok;
}
