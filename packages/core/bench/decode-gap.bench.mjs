// Where readFrames' gap to a bare ffmpeg pipe goes (the frame-path target is readFrames >= 0.95x of the pipe into a
// byte counter): frames/s, hamilton clip, each variant in its own child process, interleaved rounds, medians, of
// - count:     `ffmpeg ... -f rawvideo -pix_fmt rgb24 -` into a Node process that only counts bytes;
// - copy-reuse: the same, every chunk copied into one reused frame-sized buffer (the copy readFrames does);
// - copy-new:  the same, a new frame buffer per frame (readFrames' default: the caller may keep its frames);
// - showinfo:  count, with readFrames' `showinfo=checksum=0` filter and its stderr read (per-frame pts and size);
// - readFrames / readFrames-reuse: readFrames itself, default and with `reuseBuffers` + manual release.
// Prints ONE JSON object on stdout. Run after `npm run build`. BENCH_QUICK=1: 1 round instead of 5.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, quick, round, shared } from '../../../scripts/bench-kit.mjs';

const core = JSON.stringify(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/index.js'));
const file = JSON.stringify(path.join(shared, 'data/video/short_hamilton_clip.mp4'));
const rounds = quick ? 1 : 5;

const pipe = (mode) => `
const { spawn } = await import('node:child_process');
const { probeVideo, resolveFfmpeg } = await import(${core});
const { width, height } = await probeVideo(${file}); const size = width * height * 3;
const showinfo = ${JSON.stringify(mode)} === 'showinfo';
const t0 = performance.now(); let bytes = 0, fill = 0; let frame = Buffer.allocUnsafeSlow(size);
const p = spawn(resolveFfmpeg(), ['-v', showinfo ? 'info' : 'error', '-i', ${file}, '-map', '0:v:0', '-an', '-vsync', '0', ...(showinfo ? ['-vf', 'showinfo=checksum=0'] : []), '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { stdio: ['ignore', 'pipe', showinfo ? 'pipe' : 'ignore'] });
if (showinfo) p.stderr.on('data', () => {});
p.stdout.on('data', (d) => {
  bytes += d.length;
  if (${JSON.stringify(mode)} === 'count' || showinfo) return;
  for (let o = 0; o < d.length; ) {
    const n = Math.min(size - fill, d.length - o); frame.set(d.subarray(o, o + n), fill); fill += n; o += n;
    if (fill === size) { fill = 0; if (${JSON.stringify(mode)} === 'copy-new') frame = Buffer.allocUnsafeSlow(size); }
  }
});
p.on('close', () => console.log(JSON.stringify({ fps: (bytes / size) / (performance.now() - t0) * 1000 })));`;

const frames = (reuse) => `
const { readFrames, releaseFrame } = await import(${core});
const t0 = performance.now(); let n = 0;
readFrames(${file}, ${reuse ? "{ reuseBuffers: true, release: 'manual' }" : '{}'}).subscribe({
  next: (f) => { n++; ${reuse ? 'releaseFrame(f);' : ''} },
  complete: () => console.log(JSON.stringify({ fps: n / (performance.now() - t0) * 1000 })),
});`;

const variants = { count: pipe('count'), 'copy-reuse': pipe('copy-reuse'), 'copy-new': pipe('copy-new'), showinfo: pipe('showinfo'), readFrames: frames(false), 'readFrames-reuse': frames(true) };
const fps = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let r = 0; r < rounds; r++) {
  for (const [k, code] of Object.entries(variants)) {
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`${k}: ${out.stderr.trim().split('\n').slice(-2).join(' | ')}`);
    fps[k].push(JSON.parse(out.stdout.trim().split('\n').pop()).fps);
  }
}
const med = Object.fromEntries(Object.entries(fps).map(([k, v]) => [k, round(median(v), 1)]));
process.stdout.write(`${JSON.stringify({ clip: 'short_hamilton_clip.mp4', rounds, fps: med, vs_count: Object.fromEntries(Object.entries(med).map(([k, v]) => [k, round(v / med.count, 2)])) })}\n`);
