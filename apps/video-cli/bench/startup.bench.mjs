#!/usr/bin/env node
// Start-up and peak memory of `facepipe run`, each measured in a fresh process (the BUILT CLI as its bin runs it: bin/facepipe.js with its shebang's Node flags, dist/bundle/):
// - startup_*: wall time of `facepipe run <hamilton clip> --max-frames 1` (spawn to exit: Node start, imports,
//   model opening, probe, decoding and processing the first frame, shutdown) for detect-only and all four
//   stages, next to a bare `node -e 0` in the same rounds (targets: <= 250 ms detect-only, <= 400 ms all four).
// - rss_*: kernel peak RSS (getrusage maxRSS, worker threads included, ffmpeg children not) of a whole-clip
//   run, detect+landmarks+pose and all four stages at 1 worker, next to ../shared/peer-bench/raw-ort-pipeline.js
//   doing the same work at 1 thread (--mode=full / --mode=seg; target: facepipe <= 1.5x raw).
// Configurations are interleaved A B C A B C; medians over the rounds (5, BENCH_QUICK=1: 1 round, 30 frames).
// Prints ONE JSON object on stdout.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { facepipeArgs, logger, median, quick, round, shared } from '../../../scripts/bench-kit.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const cli = facepipeArgs(); // the installed command: launcher (bundled CLI) + its shebang's Node flags
const video = path.join(shared, 'data/video/short_hamilton_clip.mp4');
const rawLoop = path.join(shared, 'peer-bench/raw-ort-pipeline.js');
const log = logger('startup.bench');
const rounds = quick ? 1 : 5;
const clipFrames = quick ? 30 : undefined;
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-startup-'));
// prints the process's peak RSS (kB) on exit; --import runs it in the main thread before the script
const rssHook = `data:text/javascript,process.on('exit',()=>process.stderr.write('MAXRSS_KB '+process.resourceUsage().maxRSS+'\\n'))`;
const env = {
  ...process.env,
  FACEPIPE_MODELS: process.env.FACEPIPE_MODELS ?? path.join(shared, 'models'),
  FACEPIPE_OFFLINE: '1',
  // the raw loop loads onnxruntime-node from a scratch project; the repository's own copy does as well
  PEERBENCH_DIR: process.env.PEERBENCH_DIR ?? (fs.existsSync(path.join(os.tmpdir(), 'peerbench/node_modules/onnxruntime-node')) ? path.join(os.tmpdir(), 'peerbench') : repo),
};

function timed(args, cwd) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', rssHook, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-800)}`);
  const kb = Number(/MAXRSS_KB (\d+)/.exec(r.stderr)?.[1]);
  return { ms, rssMb: kb / 1024, stdout: r.stdout };
}

const run = (stages, maxFrames) => ['--no-warnings', ...cli, 'run', video, '--stages', stages, '--workers', '1', '--out', out, '--quiet', '--json', ...(maxFrames ? ['--max-frames', String(maxFrames)] : [])];
const startupSets = { node_e0: ['-e', '0'], startup_detect: run('detect', 1), startup_all_stages: run('detect,landmarks,pose,segment', 1) };
const rssSets = {
  rss_detect_landmarks_pose: { facepipe: run('detect,landmarks,pose', clipFrames), raw: [rawLoop, '--video=hamilton', '--threads=1', '--mode=full', ...(clipFrames ? [`--maxFrames=${clipFrames}`] : [])] },
  rss_all_stages: { facepipe: run('detect,landmarks,pose,segment', clipFrames), raw: [rawLoop, '--video=hamilton', '--threads=1', '--mode=seg', ...(clipFrames ? [`--maxFrames=${clipFrames}`] : [])] },
};

// one warm-up of each so the prepared-model cache and the OS file cache are filled before timing
for (const args of Object.values(startupSets)) timed(args, repo);

const samples = {};
for (let r = 0; r < rounds; r++) {
  for (const [name, args] of Object.entries(startupSets)) {
    const s = timed(args, repo);
    (samples[name] ??= []).push(s);
    log(`round ${r + 1} ${name}: ${Math.round(s.ms)} ms, ${round(s.rssMb, 1)} MB`);
  }
  for (const [name, pair] of Object.entries(rssSets)) {
    for (const side of ['facepipe', 'raw']) {
      const s = timed(pair[side], repo);
      (samples[`${name}_${side}`] ??= []).push(s);
      log(`round ${r + 1} ${name} ${side}: ${Math.round(s.ms)} ms, peak ${round(s.rssMb, 1)} MB`);
    }
  }
}
fs.rmSync(out, { recursive: true, force: true });

const med = (name, key) => median(samples[name].map((s) => s[key]));
const result = { video: path.basename(video), quick, rounds, clip_frames: clipFrames ?? 'all' };
for (const name of Object.keys(startupSets)) result[`${name}_ms`] = Math.round(med(name, 'ms'));
result.startup_detect_over_node_ms = result.startup_detect_ms - result.node_e0_ms;
result.startup_all_stages_over_node_ms = result.startup_all_stages_ms - result.node_e0_ms;
for (const name of Object.keys(rssSets)) {
  const fp = med(`${name}_facepipe`, 'rssMb');
  const raw = med(`${name}_raw`, 'rssMb');
  result[name] = { facepipe_peak_mb: round(fp, 1), raw_peak_mb: round(raw, 1), ratio: round(fp / raw, 2) };
}
process.stdout.write(`${JSON.stringify(result)}\n`);
