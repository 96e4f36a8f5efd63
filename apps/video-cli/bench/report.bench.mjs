#!/usr/bin/env node
// report.html render benchmark: a synthetic 10,000-frame video result (8 tracks that come and go, pose and mask
// coverage on every face/frame) is written as JSONL + facepipe-run.json, turned into report.html by the BUILT CLI
// code (npx tsc -b apps/video-cli/tsconfig.lib.json), then opened from disk in headless chromium (/usr/bin/chromium,
// playwright-core). Measures the time from navigation start until the page has drawn every chart
// (html[data-ready]); the target is < 2000 ms. BENCH_QUICK=1: 500 frames, one load. Prints ONE JSON object on stdout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { writeBatchReport } from '../dist/commands/report/write-batch-report.js';
import { logger, median, quick, round } from '../../../scripts/bench-kit.mjs';

const log = logger('report.bench');
const FRAMES = quick ? 500 : 10_000;
const LOADS = quick ? 1 : 5;
const TRACKS = 8;
const TARGET_MS = 2000;

// deterministic pseudo-random numbers (mulberry32)
let seed = 42;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-report-bench-'));
try {
  // each track lives in one or two spans of the video
  const spans = Array.from({ length: TRACKS }, (_, k) => {
    const a = Math.floor(rnd() * FRAMES * 0.5);
    return [[a, a + Math.floor(FRAMES * (0.2 + 0.5 * rnd()))], ...(k % 2 ? [[Math.floor(FRAMES * 0.8), FRAMES]] : [])];
  });
  const lines = [];
  for (let i = 0; i < FRAMES; i++) {
    const faces = [];
    for (let k = 0; k < TRACKS; k++) {
      if (!spans[k].some(([a, b]) => i >= a && i < b)) continue;
      const x = 40 + 150 * k;
      faces.push({ id: k + 1, box: [x, 100, x + 120, 240], score: round(0.7 + 0.3 * rnd(), 4), pose: { yaw: round(30 * Math.sin(i / 200 + k), 2), pitch: round(10 * Math.cos(i / 150), 2), roll: round(5 * rnd() - 2.5, 2) } });
    }
    lines.push(JSON.stringify({ frame: i, timeMs: round((i * 1000) / 30, 2), width: 1280, height: 720, faces, mask: { coverage: round(0.3 + 0.1 * Math.sin(i / 300), 4) } }));
  }
  const jsonl = path.join(dir, 'long.jsonl');
  fs.writeFileSync(jsonl, lines.join('\n') + '\n');
  const input = path.join(dir, 'long.mp4');
  const files = [{ input, kind: 'video', status: 'done', frames: FRAMES, elapsedMs: FRAMES * 40, fps: 25, outputs: [jsonl] }];
  fs.writeFileSync(path.join(dir, 'facepipe-run.json'), JSON.stringify({ ok: true, interrupted: false, done: 1, skipped: 0, failed: 0, frames: FRAMES, elapsedMs: FRAMES * 40, fps: 25, out: dir, stages: ['detect', 'landmarks', 'pose', 'segment'], files }));

  log(`building report for ${FRAMES} frames`);
  const b0 = performance.now();
  const report = writeBatchReport(dir);
  const buildMs = performance.now() - b0;

  const browser = await chromium.launch({
    executablePath: process.env.FACEPIPE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  const loads = [];
  const renders = [];
  let charts = 0;
  let problems = [];
  try {
    for (let k = 0; k < LOADS; k++) {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`file://${report}`);
      await page.waitForSelector('html[data-ready]', { timeout: 60_000 });
      // navigation start is 0 on the page's clock: this is load + parse + JSON + every chart drawn
      const r = await page.evaluate(() => ({ readyMs: performance.now(), renderMs: window.facepipeReport?.renderMs, charts: window.facepipeReport?.charts }));
      loads.push(r.readyMs);
      renders.push(r.renderMs);
      charts = r.charts;
      log(`load ${k + 1}/${LOADS}: ready after ${round(r.readyMs, 1)} ms (renderer ${round(r.renderMs, 1)} ms, ${r.charts} charts)`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const readyMs = median(loads);
  process.stdout.write(
    `${JSON.stringify({
      quick,
      frames: FRAMES,
      tracks: TRACKS,
      charts,
      html_bytes: fs.statSync(report).size,
      build_ms: round(buildMs, 1),
      loads: LOADS,
      ready_ms_median: round(readyMs, 1),
      render_ms_median: round(median(renders), 1),
      target_ms: TARGET_MS,
      meets_target: readyMs < TARGET_MS,
      console_errors: problems.length,
    })}\n`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
