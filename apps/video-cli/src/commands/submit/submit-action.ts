import fs from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import type { InputJobData, InputJobResult } from '../../cluster/input-job.js';
import { inputJobId } from '../../cluster/input-job-id.js';
import { INPUT_JOB } from '../../cluster/queue-names.js';
import { redactRedisUrl, redisConnection } from '../../cluster/redis-connection.js';
import { EXIT } from '../../shared/exit.js';
import { discoverInputs } from '../../shared/discover-inputs.js';
import { planOutputs } from '../../output/output-plan.js';
import type { SubmitOptions, SubmitSummary } from './submit-options.js';

const CHUNK = 500;

/**
 * `facepipe submit`: discover the inputs exactly as `run` does, plan their outputs with the same
 * `planOutputs`, and add one BullMQ job per input with a deterministic id ({@link inputJobId}), so a
 * second submit of the same batch adds nothing. Inputs and `out` are stored as absolute paths:
 * every worker must see them at the same place (shared filesystem or object-store mount).
 *
 * ## Example
 * ```ts
 * await submitAction(['/mnt/videos/'], { redis: 'redis://queue:6379', queue: 'facepipe', out: '/mnt/out', settings, ... });
 * ```
 * @throws {UsageError} for a bad `--redis` URL or an input that matches nothing.
 */
export async function submitAction(inputs: readonly string[], options: SubmitOptions, io: { stdout: (s: string) => void; stderr: (s: string) => void } = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }): Promise<number> {
  const connection = redisConnection(options.redis, { maxReconnects: 6 });
  const files = discoverInputs(inputs, { recursive: options.recursive });
  const out = path.resolve(options.out);
  fs.mkdirSync(out, { recursive: true });
  const plans = planOutputs(files, out, { annotate: options.settings.annotate, masks: options.settings.masks && options.settings.stages.includes('segment') });
  const jobs = files.map((input, i) => {
    const st = fs.statSync(input.path);
    const data: InputJobData = { input, size: st.size, mtimeMs: st.mtimeMs, plan: plans[i]!, settings: options.settings, skipExisting: options.skipExisting };
    return { id: inputJobId({ path: input.path, size: st.size, mtimeMs: st.mtimeMs }, options.settings, plans[i]!.jsonl), data };
  });

  const queue = new Queue<InputJobData, InputJobResult>(options.queue, { connection });
  queue.on('error', () => {}); // connection errors surface from the awaited calls below
  const rows: { id: string; input: string; added: boolean; state: string }[] = [];
  try {
    for (let c = 0; c < jobs.length; c += CHUNK) {
      const chunk = jobs.slice(c, c + CHUNK);
      const states = await Promise.all(chunk.map((j) => queue.getJobState(j.id)));
      const fresh = chunk.filter((_, k) => states[k] === 'unknown');
      await queue.addBulk(
        fresh.map((j) => ({
          name: INPUT_JOB,
          data: j.data,
          opts: { jobId: j.id, attempts: options.attempts, backoff: { type: 'exponential', delay: options.backoffMs }, removeOnComplete: false, removeOnFail: false },
        })),
      );
      chunk.forEach((j, k) => rows.push({ id: j.id, input: j.data.input.path, added: states[k] === 'unknown', state: states[k] === 'unknown' ? 'waiting' : String(states[k]) }));
    }
  } finally {
    await queue.close();
  }
  const added = rows.filter((r) => r.added).length;
  const summary: SubmitSummary = { queue: options.queue, added, existing: rows.length - added, out, jobs: rows };
  if (options.json) io.stdout(`${JSON.stringify(summary)}\n`);
  else if (!options.quiet) {
    for (const r of rows) if (!r.added) io.stderr(`already queued (${r.state}): ${r.input}\n`);
    io.stderr(`submitted ${rows.length} inputs to ${options.queue} on ${redactRedisUrl(options.redis)}: ${added} added, ${rows.length - added} already queued; outputs go to ${out}\n`);
  }
  return EXIT.ok;
}
