// Decode throughput of readFrames on the Hamilton clip (native 640x360 and scaled to 320x240),
// next to ffmpeg decoding the same input to `-f null` (plain, and with the same rgb24 conversion /
// scaling, i.e. the same work minus the pipe), and, on Hamilton and driving.mp4, next to
// `ffmpeg ... -f rawvideo -pix_fmt rgb24 -` piped into a Node process that only counts the bytes
// (same output size: the target is readFrames >= 0.95x of it). Prints ONE JSON object on stdout;
// progress on stderr.
// Run after `npx tsc -b packages/core/tsconfig.lib.json`. BENCH_QUICK=1: ~10 s smoke run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { count, lastValueFrom } from 'rxjs';
import { probeVideo, readFrames, resolveFfmpeg } from '../dist/index.js';
import { median, quick, round, shared } from '../../../scripts/bench-kit.mjs';

const input = path.join(shared, 'data/video/short_hamilton_clip.mp4');
const driving = path.join(shared, 'data/video/driving.mp4');
const runs = quick ? 1 : 7;
const ffmpeg = resolveFfmpeg();

function runFfmpeg(args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(ffmpeg, ['-v', 'error', '-nostdin', '-i', input, '-map', '0:v:0', '-vsync', '0', ...args, '-f', 'null', '-'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`ffmpeg exit ${code}: ${err}`))));
  });
}

async function runReadFrames(options, file = input, expected = frames) {
  const t0 = performance.now();
  const n = await lastValueFrom(readFrames(file, options).pipe(count()));
  const ms = performance.now() - t0;
  if (n !== expected) throw new Error(`readFrames gave ${n} frames, expected ${expected}`);
  return ms;
}

// The reference of the readFrames target: ffmpeg's raw rgb24 on stdout, piped into a Node process
// (a child, like a shell pipe `ffmpeg ... - | node count.js`) that only counts bytes.
const COUNT_BYTES = "let n=0;process.stdin.on('data',(d)=>{n+=d.length});process.stdin.on('end',()=>process.stdout.write(String(n)))";
function runPipeCount(file, expectedBytes) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const counter = spawn(process.execPath, ['-e', COUNT_BYTES], { stdio: ['pipe', 'pipe', 'inherit'] });
    const dec = spawn(ffmpeg, ['-v', 'error', '-nostdin', '-i', file, '-map', '0:v:0', '-vsync', '0', '-pix_fmt', 'rgb24', '-f', 'rawvideo', '-'], { stdio: ['ignore', counter.stdin, 'inherit'] });
    counter.stdin.destroy(); // ffmpeg holds the pipe's write end now; the counter sees EOF when it exits
    let out = '';
    counter.stdout.on('data', (d) => (out += d));
    dec.on('error', reject);
    counter.on('error', reject);
    counter.on('close', (code) => {
      if (code !== 0) return reject(new Error(`byte counter exit ${code}`));
      if (Number(out) !== expectedBytes) return reject(new Error(`pipe gave ${out} bytes, expected ${expectedBytes}`));
      resolve(performance.now() - t0);
    });
  });
}

// CPU time of this process plus its reaped children (ffmpeg), in ms: less sensitive to other load
// on the machine than wall time. Linux only (/proc/self/stat cutime/cstime, 100 ticks/s).
function cpuMs() {
  const own = process.cpuUsage();
  let children = 0;
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    children = ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    children = NaN;
  }
  return (own.user + own.system) / 1000 + children;
}

const info = await probeVideo(input);
const frames = info.frameCount ?? 275;
const dinfo = await probeVideo(driving);
const dframes = dinfo.frameCount ?? 169;

const cases = {
  ffmpeg_null: () => runFfmpeg([]),
  ffmpeg_null_rgb24: () => runFfmpeg(['-pix_fmt', 'rgb24']),
  ffmpeg_null_rgb24_320x240: () => runFfmpeg(['-vf', 'scale=320:240', '-pix_fmt', 'rgb24']),
  readFrames_native: () => runReadFrames({}),
  readFrames_320x240: () => runReadFrames({ width: 320, height: 240 }),
  pipe_count_native: () => runPipeCount(input, frames * info.width * info.height * 3),
  readFrames_native_reuse: () => runReadFrames({ reuseBuffers: true }),
  driving_pipe_count_native: () => runPipeCount(driving, dframes * dinfo.width * dinfo.height * 3),
  driving_readFrames_native: () => runReadFrames({}, driving, dframes),
  driving_readFrames_native_reuse: () => runReadFrames({ reuseBuffers: true }, driving, dframes),
};

// Warm-up: page cache, fluent-ffmpeg's one-off capability check.
await cases.ffmpeg_null();
await cases.readFrames_native();

const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
const cpu = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let r = 0; r < runs; r++) {
  // Interleave the cases so that background load hits them alike.
  for (const [name, fn] of Object.entries(cases)) {
    const c0 = cpuMs();
    const ms = await fn();
    const c = cpuMs() - c0;
    times[name].push(ms);
    cpu[name].push(c);
    process.stderr.write(`run ${r + 1}/${runs} ${name}: ${ms.toFixed(1)} ms wall, ${c.toFixed(0)} ms cpu\n`);
  }
}

const r1 = (x, d = 1) => round(x, d);
const fps = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, (k.startsWith('driving_') ? dframes : frames) / (median(v) / 1000)]));
const result = {
  input: 'short_hamilton_clip.mp4',
  frames,
  runs,
  ffmpeg_null_fps: r1(fps.ffmpeg_null),
  ffmpeg_null_rgb24_fps: r1(fps.ffmpeg_null_rgb24),
  ffmpeg_null_rgb24_320x240_fps: r1(fps.ffmpeg_null_rgb24_320x240),
  readFrames_native_fps: r1(fps.readFrames_native),
  readFrames_320x240_fps: r1(fps.readFrames_320x240),
  readFrames_native_vs_ffmpeg_null_ratio: r1(fps.readFrames_native / fps.ffmpeg_null, 3),
  readFrames_native_vs_ffmpeg_null_rgb24_ratio: r1(fps.readFrames_native / fps.ffmpeg_null_rgb24, 3),
  readFrames_320x240_vs_ffmpeg_null_ratio: r1(fps.readFrames_320x240 / fps.ffmpeg_null, 3),
  readFrames_320x240_vs_ffmpeg_null_rgb24_320x240_ratio: r1(fps.readFrames_320x240 / fps.ffmpeg_null_rgb24_320x240, 3),
  median_ms: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, r1(median(v))])),
  median_cpu_ms: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, r1(median(v))])),
  readFrames_native_vs_ffmpeg_null_rgb24_cpu_ratio: r1(median(cpu.ffmpeg_null_rgb24) / median(cpu.readFrames_native), 3),
  // the readFrames target (>= 0.95): throughput against ffmpeg piped into a byte-counting Node process
  pipe_count_native_fps: r1(fps.pipe_count_native),
  readFrames_native_reuse_fps: r1(fps.readFrames_native_reuse),
  readFrames_native_vs_pipe_count_ratio: r1(fps.readFrames_native / fps.pipe_count_native, 3),
  readFrames_native_reuse_vs_pipe_count_ratio: r1(fps.readFrames_native_reuse / fps.pipe_count_native, 3),
  driving_frames: dframes,
  driving_pipe_count_native_fps: r1(fps.driving_pipe_count_native),
  driving_readFrames_native_fps: r1(fps.driving_readFrames_native),
  driving_readFrames_native_reuse_fps: r1(fps.driving_readFrames_native_reuse),
  driving_readFrames_native_vs_pipe_count_ratio: r1(fps.driving_readFrames_native / fps.driving_pipe_count_native, 3),
  driving_readFrames_native_reuse_vs_pipe_count_ratio: r1(fps.driving_readFrames_native_reuse / fps.driving_pipe_count_native, 3),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
