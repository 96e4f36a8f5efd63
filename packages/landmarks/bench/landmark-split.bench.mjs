// Split vs batched landmark runs: LandmarkDetector.detect (PFLD-GhostOne 98) on a Hamilton clip frame
// with 4 faces, all faces in one call either as one batch-4 session run ("batched", the path before
// `split`) or as 4 batch-1 runs inside that call ("split", today's path). Median ms over 100 detects
// after 20 warm-up ones, and the process RSS growth, per set-up; each measurement runs in a child
// process of its own so RSS figures do not mix. "batched" loads landmark-detector.js with its
// `split` option turned off by a module hook (nothing else differs).
// Prints ONE JSON object on stdout; progress goes to stderr.
// Build first (npm run build). BENCH_QUICK=1: 20 detects per set-up.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { register } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { logger, median, quick, round, shared } from '../../../scripts/bench-kit.mjs';

const self = fileURLToPath(import.meta.url);
const log = logger('landmark-split');
const r3 = (x) => round(x, 3);
const MB = 1024 * 1024;
const [role, arg] = process.argv.slice(2);

if (role === '--child') {
  const { frameFile, mode, workers, intraOpThreads, runs } = JSON.parse(arg);
  if (mode === 'batched') {
    // turn the split option of landmark-detector.js off (the batch-n run it replaced)
    const hook = `export async function load(url, context, next) {
  const r = await next(url, context);
  if (!url.endsWith('/landmarks/dist/lib/landmark-detector.js')) return r;
  const src = String(r.source);
  const out = src.replace('split: splitRuns && n > 1', 'split: false');
  if (out === src) throw new Error('landmark-split bench: split option not found in ' + url);
  return { ...r, source: out };
}`;
    register(`data:text/javascript,${encodeURIComponent(hook)}`);
  }
  const { createFrame } = await import('@facepipe/core');
  const { LandmarkDetector } = await import('../dist/index.js');
  const meta = JSON.parse(fs.readFileSync(`${frameFile}.json`, 'utf8'));
  const frame = createFrame({ data: new Uint8Array(fs.readFileSync(frameFile)), width: meta.width, height: meta.height });
  const faces = meta.boxes.map((box) => ({ box, score: 1 }));
  const rss = () => process.memoryUsage().rss;
  const rss0 = rss();
  const lm = await LandmarkDetector.create({ model: 'pfld-ghostone-98', workers, ...(intraOpThreads ? { intraOpThreads } : {}) });
  const rssLoaded = rss();
  const first = await lm.detect(frame, faces);
  if (first.filter((f) => f.landmarks).length !== faces.length) throw new Error('landmark-split bench: a face got no landmarks');
  const rssFirst = rss();
  for (let i = 0; i < 20; i++) await lm.detect(frame, faces);
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await lm.detect(frame, faces);
    xs.push(performance.now() - t0);
  }
  const rssEnd = rss();
  const points = Array.from(first[0].landmarks.subarray(0, 4));
  await lm.dispose();
  process.stdout.write(
    `${JSON.stringify({
      median_ms: r3(median(xs)),
      min_ms: r3(Math.min(...xs)),
      rss_growth_mb: r3((rssEnd - rss0) / MB), // model load + all detects
      rss_load_mb: r3((rssLoaded - rss0) / MB),
      rss_first_detect_mb: r3((rssFirst - rssLoaded) / MB),
      rss_detects_mb: r3((rssEnd - rssLoaded) / MB), // growth from the detects (onnxruntime arena, buffers)
      peak_rss_mb: r3(process.resourceUsage().maxRSS / 1024),
      points,
    })}\n`,
  );
} else {
  // Parent: find a frame with 4 faces, then measure each set-up in a child process.
  const { readFrames } = await import('@facepipe/core');
  const { FaceDetector } = await import('@facepipe/detector');
  const { concatMap, filter, firstValueFrom, from } = await import('rxjs');
  const clip = path.join(shared, 'data/video/short_hamilton_clip.mp4');
  const fd = await FaceDetector.create({ model: 'ultraface-rfb-320', workers: 0 });
  const found = await firstValueFrom(
    readFrames(clip).pipe(
      filter((f) => f.index >= 210),
      concatMap(async (f) => ({ f, faces: await fd.detect(f) })),
      filter(({ faces }) => faces.length === 4),
    ),
  );
  await fd.dispose();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-landmark-split-'));
  const frameFile = path.join(tmp, 'frame.rgb');
  fs.writeFileSync(frameFile, found.f.data);
  fs.writeFileSync(`${frameFile}.json`, JSON.stringify({ width: found.f.width, height: found.f.height, boxes: found.faces.map((x) => x.box) }));
  log(`frame ${found.f.index} (${found.f.width}x${found.f.height}): ${found.faces.length} faces`);
  const runs = quick ? 20 : 100;
  const result = { quick, frame: found.f.index, faces: found.faces.length, runs, model: 'pfld-ghostone-98' };
  try {
    for (const [key, workers, intraOpThreads] of [
      ['in_process_1t', 0, 1],
      ['in_process_default_threads', 0, undefined],
      ['worker_1t', 1, 1],
      ['worker_default_threads', 1, undefined],
    ]) {
      const set = {};
      for (const mode of ['batched', 'split']) {
        const out = execFileSync(process.execPath, [self, '--child', JSON.stringify({ frameFile, mode, workers, intraOpThreads, runs })], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
        set[mode] = JSON.parse(out);
        log(`${key} ${mode}: ${JSON.stringify(set[mode])}`);
      }
      set.same_points = JSON.stringify(set.batched.points) === JSON.stringify(set.split.points);
      for (const m of ['batched', 'split']) delete set[m].points;
      result[key] = set;
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
