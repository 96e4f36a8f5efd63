import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium, installed by .ci/run (apt-get install -y chromium). */
export const CHROMIUM = process.env.FACEPIPE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Launch headless chromium the way the report tests need it: no sandbox (root in CI), no GPU,
 * background networking, component updates and sync off. Throws a clear error when it is missing
 * (the browser tests never skip).
 */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`chromium not found at ${CHROMIUM}: install it with \`apt-get update && apt-get install -y chromium\` (.ci/run does) or set FACEPIPE_CHROMIUM`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

/** What a page did while it loaded: console errors/warnings, uncaught errors, every request URL. */
export interface PageLog {
  readonly problems: string[];
  readonly requests: string[];
}

/** Open `file` from disk in a new page, wait for report.html's `data-ready`, and return the page with its log. */
export async function openReport(browser: Browser, file: string): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const log: PageLog = { problems: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log.problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => log.problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => log.requests.push(r.url()));
  await page.goto(`file://${file}`);
  await page.waitForSelector('html[data-ready]', { timeout: 20_000 });
  return { page, log };
}
