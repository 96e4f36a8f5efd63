#!/usr/bin/env node
// A folder of photos through `facepipe run --stages detect --workers 1` (the BUILT CLI as its bin runs it), images/s from
// its --json summary (the inputs' own times: model opening excluded, decoding and output writing included), next to a
// sequential in-process loop in the same rounds: readImage + FaceDetector.detect at 1 worker, one photo after the other,
// decoding included, nothing written. The folder: the 9 shared photos and the 3 WIDER val images, 6 copies each (72 files, 11 MB, 640-2204 px).
// Rounds interleave CLI and loop; medians (5 rounds, BENCH_QUICK=1: 1). Prints ONE JSON object on stdout.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { facepipeArgs, logger, median, quick, round, shared } from '../../../scripts/bench-kit.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const log = logger('photo-folder.bench');
const rounds = quick ? 1 : 5;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-photos-'));
const photos = path.join(tmp, 'photos');
fs.mkdirSync(photos);
const sources = [
  ...fs.readdirSync(path.join(shared, 'data/photos')).filter((f) => f.endsWith('.jpg')).map((f) => path.join(shared, 'data/photos', f)),
  ...fs.readdirSync(path.join(shared, 'data/faces/wider_val/images')).filter((f) => f.endsWith('.jpg')).map((f) => path.join(shared, 'data/faces/wider_val/images', f)),
];
let n = 0;
for (let copy = 0; copy < 6; copy++) for (const src of sources) fs.copyFileSync(src, path.join(photos, `p${String(++n).padStart(3, '0')}.jpg`));

const loop = `
const fs = await import('node:fs');
const { readImage } = await import(${JSON.stringify(path.join(repo, 'packages/core/dist/index.js'))});
const { FaceDetector } = await import(${JSON.stringify(path.join(repo, 'packages/detector/dist/index.js'))});
const dir = ${JSON.stringify(photos)};
const files = fs.readdirSync(dir).sort().map((f) => dir + '/' + f);
const det = await FaceDetector.create({ model: 'ultraface-rfb-320', workers: 1 });
const t0 = performance.now();
for (const f of files) await det.detect(await readImage(f));
console.log(JSON.stringify({ fps: files.length / (performance.now() - t0) * 1000 }));
await det.dispose();`;

const cliFps = [];
const loopFps = [];
try {
  for (let r = 0; r < rounds; r++) {
    const out = path.join(tmp, `out${r}`);
    const cli = spawnSync(process.execPath, [...facepipeArgs(), 'run', photos, '--out', out, '--stages', 'detect', '--workers', '1', '--json', '--quiet'], { encoding: 'utf8', maxBuffer: 16 << 20 });
    if (cli.status !== 0) throw new Error(`facepipe run exited ${cli.status}: ${cli.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    const summary = JSON.parse(cli.stdout);
    if (summary.done !== n) throw new Error(`facepipe run did ${summary.done} of ${n} photos`);
    // images/s over the inputs' own elapsed times (the summary's fps starts after the models are open)
    cliFps.push(summary.frames / (summary.files.reduce((a, f) => a + f.elapsedMs, 0) / 1000));
    const raw = spawnSync(process.execPath, ['--input-type=module', '-e', loop], { encoding: 'utf8' });
    if (raw.status !== 0) throw new Error(`loop exited ${raw.status}: ${raw.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    loopFps.push(JSON.parse(raw.stdout.trim().split('\n').pop()).fps);
    log(`round ${r + 1}/${rounds}: cli ${round(cliFps.at(-1), 1)} images/s, loop ${round(loopFps.at(-1), 1)}`);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
const cli = median(cliFps);
const raw = median(loopFps);
process.stdout.write(`${JSON.stringify({ photos: n, rounds, stages: 'detect', cli_images_per_s: round(cli, 1), loop_images_per_s: round(raw, 1), cli_vs_loop: round(cli / raw, 2) })}\n`);
