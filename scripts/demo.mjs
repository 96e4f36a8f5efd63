#!/usr/bin/env node
// `npm start`: the offline demo. Runs the built CLI (apps/video-cli/bin/facepipe.js, the bundled dist/bundle/main.js) with all four stages on the
// Hamilton clip from ../shared, with --annotate and --masks, into ./facepipe-out, then prints where the outputs went.
// Build first (`npm run build`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.FACEPIPE_SHARED ?? path.resolve(root, '../shared');
const cli = path.join(root, 'apps/video-cli/bin/facepipe.js'); // the launcher: the bundled CLI
const video = path.join(shared, 'data/video/short_hamilton_clip.mp4');
const out = path.resolve(process.cwd(), 'facepipe-out');

for (const [what, file] of [['built CLI', cli], ['demo video', video]]) {
  if (!fs.existsSync(file)) {
    process.stderr.write(`demo: ${what} not found: ${file}\n${what === 'built CLI' ? 'Build it first: npm run build' : 'Expected the shared assets folder next to the repository (../shared) or FACEPIPE_SHARED.'}\n`);
    process.exit(1);
  }
}

const env = { ...process.env, FACEPIPE_SHARED: shared, FACEPIPE_MODELS: process.env.FACEPIPE_MODELS ?? path.join(shared, 'models'), FACEPIPE_OFFLINE: process.env.FACEPIPE_OFFLINE ?? '1' };
const args = [cli, 'run', video, '--stages', 'detect,landmarks,pose,segment', '--annotate', '--masks', '--out', out, '--json'];
process.stderr.write(`demo: node ${args.map((a) => path.relative(process.cwd(), a) || a).join(' ')}\n`);
const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 << 20 });
if (r.status !== 0) {
  process.stderr.write(`demo: facepipe exited with code ${r.status}\n${r.stdout ?? ''}`);
  process.exit(r.status ?? 1);
}
const summary = JSON.parse(r.stdout);
const file = summary.files[0];
process.stdout.write(`\nfacepipe demo: ${file.frames} frames of ${path.basename(video)} through ${summary.stages.join(' -> ')} in ${(summary.elapsedMs / 1000).toFixed(1)} s (${summary.fps} fps)\n`);
process.stdout.write(`outputs in ${out}:\n`);
for (const o of file.outputs) process.stdout.write(`  ${path.relative(process.cwd(), o)}${fs.statSync(o).isDirectory() ? `/ (${fs.readdirSync(o).length} mask PNGs)` : ` (${(fs.statSync(o).size / 1024).toFixed(0)} KB)`}\n`);
