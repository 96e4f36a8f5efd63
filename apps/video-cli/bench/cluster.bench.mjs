#!/usr/bin/env node
// facepipe scale-out benchmark: jobs/s and frames/s of `facepipe submit` + 1 and 2 `facepipe worker` processes on a
// local Redis (free loopback port, AOF on), next to `facepipe run` of the same batch (short generated clips, detect),
// and the queue's overhead per job (time a worker spends on a job outside the per-input pipeline: fetch, lock,
// progress, completion, partial cleanup) as a share of a short video's processing time (target: under 5 %).
// Runs the BUILT CLI (bin/facepipe.js: the bundled dist/bundle/main.js, npm run build) as child processes. Prints ONE JSON object on stdout.
// BENCH_QUICK=1: 3 clips of 0.6 s instead of 12 of 2 s.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveFfmpeg } from '@facepipe/core';
import { Queue } from 'bullmq';
import { logger, quick, round, shared } from '../../../scripts/bench-kit.mjs';

const log = logger('cluster.bench');
const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/facepipe.js'); // the launcher: the bundled CLI
const env = { ...process.env, FACEPIPE_SHARED: shared, FACEPIPE_MODELS: process.env.FACEPIPE_MODELS ?? path.join(shared, 'models') };
const clipCount = quick ? 3 : 12;
const clipSeconds = quick ? 0.6 : 2;
const flags = ['--stages', 'detect'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-cluster-bench-'));

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

function facepipe(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { ...r, ms: performance.now() - t0 };
}

function workers(n, url, queue) {
  const t0 = performance.now();
  return Promise.all(
    Array.from({ length: n }, () => {
      const c = spawn(process.execPath, [cli, 'worker', '--redis', url, '--queue', queue, '--workers', '1', '--exit-when-idle', '-q'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      c.stderr.setEncoding('utf8').on('data', (d) => (err += d));
      return new Promise((resolve, reject) => c.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`worker exit ${code}: ${err.slice(-400)}`)))));
    }),
  ).then(() => performance.now() - t0);
}

// the batch: short clips cut from the shared videos
const clips = path.join(tmp, 'clips');
fs.mkdirSync(clips);
const sources = ['driving.mp4', 'short_hamilton_clip.mp4'].map((f) => path.join(shared, 'data/video', f));
for (let i = 0; i < clipCount; i++) {
  const target = path.join(clips, `clip-${String(i).padStart(2, '0')}.mp4`);
  const r = spawnSync(resolveFfmpeg(), ['-v', 'error', '-y', '-ss', String((i >> 1) * 0.5), '-i', sources[i % 2], '-t', String(clipSeconds), '-an', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', target], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ffmpeg: ${r.stderr}`);
}

const port = await freePort();
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', tmp], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve, reject) => {
  let out = '';
  redis.stdout.setEncoding('utf8').on('data', (d) => ((out += d), /Ready to accept connections/.test(out) && resolve()));
  redis.once('exit', (code) => reject(new Error(`redis-server exited ${code}`)));
});
const url = `redis://127.0.0.1:${port}`;

const result = { quick, clips: clipCount, clip_seconds: clipSeconds, stages: 'detect', worker_model_threads: 1 };
try {
  log(`run: ${clipCount} clips`);
  const run = facepipe(['run', clips, '--out', path.join(tmp, 'out-run'), ...flags, '--json', '-q']);
  if (run.status !== 0) throw new Error(`run failed: ${run.stderr}`);
  const summary = JSON.parse(run.stdout);
  const runProcMs = summary.files.reduce((a, f) => a + f.elapsedMs, 0);
  result.run = {
    frames: summary.frames,
    wall_ms: Math.round(run.ms),
    jobs_per_s: round((clipCount * 1000) / runProcMs, 3),
    frames_per_s: round((summary.frames * 1000) / runProcMs, 2),
    ms_per_input: round(runProcMs / clipCount, 1),
  };

  for (const n of [1, 2]) {
    const queueName = `bench-w${n}`;
    const sub = facepipe(['submit', clips, '--out', path.join(tmp, `out-w${n}`), '--redis', url, '--queue', queueName, ...flags, '--json']);
    if (sub.status !== 0) throw new Error(`submit failed: ${sub.stderr}`);
    log(`${n} worker process(es)`);
    const wallMs = await workers(n, url, queueName);
    const q = new Queue(queueName, { connection: { host: '127.0.0.1', port } });
    const jobs = (await q.getCompleted(0, -1)).sort((a, b) => a.processedOn - b.processedOn);
    await q.close();
    if (jobs.length !== clipCount) throw new Error(`${jobs.length}/${clipCount} jobs completed`);
    const spanMs = Math.max(...jobs.map((j) => j.finishedOn)) - Math.min(...jobs.map((j) => j.processedOn));
    const frames = jobs.reduce((a, j) => a + j.returnvalue.frames, 0);
    const pipelineMs = jobs.reduce((a, j) => a + j.returnvalue.elapsedMs, 0);
    const loadMs = jobs.reduce((a, j) => a + (j.returnvalue.modelLoadMs ?? 0), 0);
    const r = {
      frames,
      submit_ms: Math.round(sub.ms),
      wall_ms_incl_startup: Math.round(wallMs),
      jobs_per_s: round((clipCount * 1000) / spanMs, 3),
      frames_per_s: round((frames * 1000) / spanMs, 2),
      speedup_vs_run: round((frames * 1000) / spanMs / result.run.frames_per_s, 2),
    };
    if (n === 1) {
      // one worker, one job at a time: everything in the span that is neither processInput nor the one-off model load is the queue's
      const overheadMs = (spanMs - pipelineMs - loadMs) / clipCount;
      const meanJobMs = pipelineMs / clipCount;
      Object.assign(r, {
        queue_overhead_ms_per_job: round(overheadMs, 1),
        pipeline_ms_per_job: round(meanJobMs, 1),
        model_load_ms: loadMs,
        queue_overhead_pct: round((overheadMs * 100) / meanJobMs, 2),
        queue_overhead_target_pct: 5,
        queue_overhead_ok: (overheadMs * 100) / meanJobMs < 5,
      });
    }
    result[`workers_${n}`] = r;
    log(JSON.stringify(r));
  }
} finally {
  redis.kill('SIGTERM');
  await new Promise((r) => redis.once('exit', r));
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(result)}\n`);
