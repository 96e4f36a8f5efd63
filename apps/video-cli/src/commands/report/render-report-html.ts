import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { ReportData } from './report-data.js';

const require = createRequire(import.meta.url);

/**
 * The package's assets/report folder: three levels up from src/commands/report and dist/commands/report,
 * two from the bundled chunks in dist/bundle.
 */
const assetDir = ['../../../assets/report/', '../../assets/report/'].map((rel) => new URL(rel, import.meta.url)).find((u) => fs.existsSync(u));
const asset = (name: string): string => {
  if (!assetDir) throw new Error(`Expected the report assets (assets/report) beside ${import.meta.url}, found none`);
  return fs.readFileSync(new URL(name, assetDir), 'utf8');
};

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** JSON that can sit inside a `<script>` element: no `<` (so no `</script>`), no raw U+2028/9. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** Inline text must not close its element early. */
function inline(text: string, tag: 'script' | 'style'): string {
  if (text.toLowerCase().includes(`</${tag}`)) throw new Error(`Expected inlined ${tag} text without "</${tag}", found one`);
  return text;
}

/**
 * Render report.html: one self-contained page with uPlot (read from node_modules at run time and
 * inlined, with its CSS), the report's own CSS and renderer, and `data` as JSON. A Content
 * Security Policy forbids every fetch except inline scripts/styles, `data:` images and local
 * media (the annotated video beside the report), so the page opens from disk with no network.
 * The page sets `data-ready="true"` on `<html>` and `window.facepipeReport = { charts, renderMs }`
 * once everything is drawn.
 *
 * ## Example
 * ```ts
 * fs.writeFileSync('out/report.html', renderReportHtml({ title: 'facepipe report', generatedAt: new Date().toISOString(), batch }));
 * ```
 * @param data What to show.
 * @returns The HTML text.
 */
export function renderReportHtml(data: ReportData): string {
  const uplotJs = fs.readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
  const uplotCss = fs.readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
  const csp = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: 'self'; media-src 'self'";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)}</title>
<style>${inline(uplotCss, 'style')}</style>
<style>${inline(asset('report.css'), 'style')}</style>
</head>
<body>
<h1>${escapeHtml(data.title)}</h1>
<p class="meta">generated ${escapeHtml(data.generatedAt)} by facepipe</p>
<main id="report"></main>
<script type="application/json" id="report-data">${scriptJson(data)}</script>
<script>${inline(uplotJs, 'script')}</script>
<script>${inline(asset('report-client.js'), 'script')}</script>
</body>
</html>
`;
}
