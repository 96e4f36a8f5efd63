#!/usr/bin/env node
// npm run bench:peers: facepipe side by side with ../shared/peer-bench (the hand-written onnxruntime loop and
// @vladmandic/human), in one process tree, interleaved (round r runs every configuration once, A B C ... A B C),
// medians over the rounds. Prints ONE JSON object on stdout (also written to bench-out/peers.json) with the
// figures and the ratios of the frame-path issue, each with its target; `npm run bench:readme` turns it into the
// README's speed table. facepipe figures are `facepipe run --json` per-file frames/s (decode included); the peers'
// are their `fpsAll` (decode excluded), as in ../shared/peer-bench/README.md. Peak RSS of every child is its
// kernel high-water mark (VmHWM), polled from /proc.
//
// The peers are installed once in a scratch folder (PEERBENCH_DIR, default <tmpdir>/peerbench), see the
// peer-bench README. BENCH_QUICK=1: one round on the first 60 frames (a smoke run, not a measurement);
// BENCH_ROUNDS=N overrides the rounds (default 5).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { facepipeArgs, logger, median, quick, round, shared } from './bench-kit.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = logger('bench:peers');
const peerDir = process.env.PEERBENCH_DIR ?? path.join(os.tmpdir(), 'peerbench');
const peerBench = path.join(shared, 'peer-bench');
const cli = facepipeArgs(); // the installed command: launcher + its shebang's Node flags
const core = path.join(root, 'packages/core/dist/index.js');
const rounds = Number(process.env.BENCH_ROUNDS ?? (quick ? 1 : 5));
const maxFrames = quick ? 60 : undefined;
const clips = { hamilton: path.join(shared, 'data/video/short_hamilton_clip.mp4'), driving: path.join(shared, 'data/video/driving.mp4') };
const env = { ...process.env, FACEPIPE_SHARED: shared, FACEPIPE_MODELS: process.env.FACEPIPE_MODELS ?? path.join(shared, 'models'), PEERBENCH_DIR: peerDir };

function fail(msg) {
  process.stderr.write(`bench:peers: ${msg}\n`);
  process.exit(1);
}
if (!Number.isInteger(rounds) || rounds < 1) fail(`BENCH_ROUNDS must be a positive integer, got ${process.env.BENCH_ROUNDS}`);
for (const [what, file] of [['the built CLI (npm run build)', path.join(root, 'apps/video-cli/dist/bundle/main.js')], ['the built core (npm run build)', core], ['../shared/peer-bench', peerBench]]) {
  if (!fs.existsSync(file)) fail(`${what} is missing: ${file}`);
}
for (const pkg of ['onnxruntime-node', '@vladmandic/human']) {
  if (!fs.existsSync(path.join(peerDir, 'node_modules', pkg))) {
    fail(`peer package ${pkg} is not installed in ${peerDir}; install the peers once:\n  mkdir -p ${peerDir} && cp ${peerBench}/package.json ${peerDir}/ && (cd ${peerDir} && ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund)`);
  }
}

/** Peak RSS (MB) of a live process from /proc (VmHWM), or undefined once it is gone. */
function highWater(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Run `node args...` from the repository root; resolves with its output, wall time and peak RSS. Rejects on a non-zero exit. */
function node(args, label) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '', peak = 0;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => (peak = Math.max(peak, highWater(child.pid) ?? 0)), 25);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      const wallMs = performance.now() - t0;
      if (code !== 0) reject(new Error(`${label} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
      else resolve({ stdout, wallMs, peakRssMb: peak });
    });
  });
}

/** Frames of a `run` JSONL with at least one face. */
function framesWithFace(jsonl) {
  return fs.readFileSync(jsonl, 'utf8').split('\n').filter((l) => l && JSON.parse(l).faces?.length > 0).length;
}

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-peers-'));

/** `facepipe run` on one clip with 1 worker; fps is the per-file figure of `--json`. */
async function facepipe(name, clip, stages, mode, frames = maxFrames) {
  const out = path.join(outDir, name);
  const args = [...cli, 'run', clips[clip], '--stages', stages, '--mode', mode, '--workers', '1', '--json', '--quiet', '--out', out, ...(frames ? ['--max-frames', String(frames)] : [])];
  const r = await node(args, `facepipe ${name}`);
  const file = JSON.parse(r.stdout).files[0];
  if (file.status !== 'done') throw new Error(`facepipe ${name}: ${file.status} ${file.error ?? ''}`);
  return { fps: file.fps, frames: file.frames, framesWithFace: framesWithFace(file.outputs.find((o) => o.endsWith('.jsonl'))), peakRssMb: r.peakRssMb, wallMs: r.wallMs };
}

/** One peer-bench script; its `RESULT {...}` line. */
async function peer(name, script, args) {
  const r = await node([path.join(peerBench, script), ...args, ...(maxFrames ? [`--maxFrames=${maxFrames}`] : [])], `peer ${name}`);
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`peer ${name} printed no RESULT line`);
  const res = JSON.parse(line.slice(7));
  return { fps: res.fpsAll, frames: res.frames, framesWithFace: res.framesWithFace, peakRssMb: r.peakRssMb, wallMs: r.wallMs };
}

/**
 * Decode throughput (frames/s) of `readFrames` and of an ffmpeg rgb24 pipe into a byte counter, timed inside
 * the child; same output size and the same frames (`-vsync 0`, as readFrames: no duplicated frames).
 */
async function decode(clip, how) {
  const file = JSON.stringify(clips[clip]);
  const code =
    how === 'readFrames'
      ? `const { readFrames } = await import(${JSON.stringify(core)}); const t0 = performance.now(); let n = 0;
         readFrames(${file}).subscribe({ next: () => n++, complete: () => console.log(JSON.stringify({ frames: n, ms: performance.now() - t0 })) });`
      : `const { spawn } = await import('node:child_process'); const { probeVideo, resolveFfmpeg } = await import(${JSON.stringify(core)});
         const { width, height } = await probeVideo(${file}); const t0 = performance.now(); let bytes = 0;
         const p = spawn(resolveFfmpeg(), ['-v', 'error', '-i', ${file}, '-map', '0:v:0', '-an', '-vsync', '0', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
         p.stdout.on('data', (d) => (bytes += d.length)); p.on('close', () => console.log(JSON.stringify({ frames: bytes / (width * height * 3), ms: performance.now() - t0 })));`;
  const r = await node(['--input-type=module', '-e', code], `decode ${how} ${clip}`);
  const { frames, ms } = JSON.parse(r.stdout.trim().split('\n').pop());
  return { fps: (frames / ms) * 1000, frames };
}

const configs = {
  fp_detect_w1: () => facepipe('detect', 'hamilton', 'detect', 'exact'),
  raw_detect_1t: () => peer('raw detect', 'raw-ort-pipeline.js', ['--video=hamilton', '--threads=1', '--mode=detect']),
  fp_full_exact_w1: () => facepipe('full-exact', 'hamilton', 'detect,landmarks,pose', 'exact'),
  fp_full_video_w1: () => facepipe('full-video', 'hamilton', 'detect,landmarks,pose', 'video'),
  raw_full_1t: () => peer('raw full', 'raw-ort-pipeline.js', ['--video=hamilton', '--threads=1', '--mode=full']),
  fp_all_w1: () => facepipe('all', 'hamilton', 'detect,landmarks,pose,segment', 'exact'),
  raw_seg_1t: () => peer('raw seg', 'raw-ort-pipeline.js', ['--video=hamilton', '--threads=1', '--mode=seg']),
  human_mesh: () => peer('human mesh', 'human-bench.js', ['--video=hamilton', '--mode=mesh']),
  startup_detect: () => facepipe('startup-detect', 'hamilton', 'detect', 'exact', 1),
  startup_all: () => facepipe('startup-all', 'hamilton', 'detect,landmarks,pose,segment', 'exact', 1),
  readframes_hamilton: () => decode('hamilton', 'readFrames'),
  ffmpeg_pipe_hamilton: () => decode('hamilton', 'pipe'),
  readframes_driving: () => decode('driving', 'readFrames'),
  ffmpeg_pipe_driving: () => decode('driving', 'pipe'),
};

// BENCH_FILTER=a,b: only the configurations whose name contains one of the substrings ('driving' for the face-frame check); ratios that need a skipped one are left out.
const filter = (process.env.BENCH_FILTER ?? '').split(',').filter(Boolean);
const wanted = (name) => filter.length === 0 || filter.some((f) => name.includes(f));
const samples = Object.fromEntries(Object.keys(configs).filter(wanted).map((k) => [k, []]));
for (let r = 0; r < rounds; r++) {
  for (const [name, run] of Object.entries(configs).filter(([k]) => wanted(k))) {
    log(`round ${r + 1}/${rounds}: ${name}`);
    samples[name].push(await run());
  }
}
// Driving: a face in every frame in every mode (whole clip, once).
const driving = {};
if (wanted('driving')) log('driving: face frames per mode');
for (const [name, stages, mode] of [['detect', 'detect', 'exact'], ['full_exact', 'detect,landmarks,pose', 'exact'], ['full_video', 'detect,landmarks,pose', 'video'], ['all_exact', 'detect,landmarks,pose,segment', 'exact'], ['all_video', 'detect,landmarks,pose,segment', 'video']].filter(() => wanted('driving'))) {
  const r = await facepipe(`driving-${name}`, 'driving', stages, mode, null);
  driving[name] = { frames: r.frames, framesWithFace: r.framesWithFace, fps: r.fps };
}
fs.rmSync(outDir, { recursive: true, force: true });

const med = (name, key) => median(samples[name].map((s) => s[key]));
const runs = Object.fromEntries(
  Object.keys(samples).map((k) => [
    k,
    { fps: round(med(k, 'fps'), 1), fps_runs: samples[k].map((s) => round(s.fps, 1)), peak_rss_mb: round(med(k, 'peakRssMb'), 0), wall_ms: round(med(k, 'wallMs'), 0), frames: samples[k][0].frames, ...(samples[k][0].framesWithFace !== undefined ? { frames_with_face: samples[k][0].framesWithFace } : {}) },
  ]),
);
const ratio = (value, target, atMost = false) => (Number.isFinite(value) ? { value: round(value, 2), target, pass: atMost ? value <= target : value >= target } : undefined);
const per = (a, b, key = 'fps') => (runs[a] && runs[b] ? runs[a][key] / runs[b][key] : NaN);
const result = {
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, date: new Date().toISOString() },
  quick,
  rounds,
  clip: 'short_hamilton_clip.mp4',
  workers: 1,
  ratios: {
    detect_vs_raw_detect_1t: ratio(per('fp_detect_w1', 'raw_detect_1t'), 1.3),
    full_exact_vs_raw_full_1t: ratio(per('fp_full_exact_w1', 'raw_full_1t'), 1.6),
    all_vs_raw_seg_1t: ratio(per('fp_all_w1', 'raw_seg_1t'), 2),
    full_video_vs_human_mesh: ratio(per('fp_full_video_w1', 'human_mesh'), 6),
    full_video_vs_full_exact: ratio(per('fp_full_video_w1', 'fp_full_exact_w1'), 1),
    readframes_vs_ffmpeg_pipe_hamilton: ratio(per('readframes_hamilton', 'ffmpeg_pipe_hamilton'), 0.95),
    readframes_vs_ffmpeg_pipe_driving: ratio(per('readframes_driving', 'ffmpeg_pipe_driving'), 0.95),
    startup_detect_ms: ratio(runs.startup_detect?.wall_ms, 250, true),
    startup_all_ms: ratio(runs.startup_all?.wall_ms, 400, true),
    rss_detect_vs_raw: ratio(per('fp_detect_w1', 'raw_detect_1t', 'peak_rss_mb'), 1.5, true),
    rss_full_vs_raw: ratio(per('fp_full_exact_w1', 'raw_full_1t', 'peak_rss_mb'), 1.5, true),
    rss_all_vs_raw: ratio(per('fp_all_w1', 'raw_seg_1t', 'peak_rss_mb'), 1.5, true),
    driving_face_frames_every_mode: driving.detect
      ? { value: Math.min(...Object.values(driving).map((d) => d.framesWithFace)), target: driving.detect.frames, pass: Object.values(driving).every((d) => d.framesWithFace === d.frames) }
      : undefined,
  },
  runs,
  driving,
};
if (filter.length > 0) result.filter = filter;
const json = JSON.stringify(result, null, 2);
// a filtered run is a partial one: it never replaces the full bench-out/peers.json the README is generated from
fs.mkdirSync(path.join(root, 'bench-out'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench-out', filter.length > 0 ? 'peers-partial.json' : 'peers.json'), json + '\n');
process.stdout.write(json + '\n');
