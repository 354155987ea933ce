import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { Journal } from '../../journal.js';

/** Debian's Chromium, driven by playwright-core. */
export const CHROMIUM = '/usr/bin/chromium';

/** Launch arguments for a headless Chromium on a shared CI machine. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
];

/** What a rendered report actually drew. */
export interface PageStats {
  charts: { title: string; lines: number; bands: number; width: number }[];
  /** Visible bars per waterfall figure, in page order. */
  waterfalls: number[];
  bars: number;
  verdictRows: number;
}

/** Runs in the page (a string, so the test needs no DOM typings). */
const PAGE_STATS = `(() => {
  const visible = (r) => r.getBoundingClientRect().width > 0 && r.getBoundingClientRect().height > 0;
  const charts = [...document.querySelectorAll('figure.chart')].map((fig) => ({
    title: fig.querySelector('figcaption')?.textContent ?? '',
    lines: [...fig.querySelectorAll('path.series')].filter((p) => (p.getAttribute('d') ?? '').includes('L')).length,
    bands: [...fig.querySelectorAll('rect.fault-band')].filter((r) => r.getBoundingClientRect().width > 0).length,
    width: fig.querySelector('svg')?.getBoundingClientRect().width ?? 0,
  }));
  const waterfalls = [...document.querySelectorAll('figure.waterfall')].map(
    (fig) => [...fig.querySelectorAll('g.span rect')].filter(visible).length,
  );
  const verdictRows = document.querySelectorAll('table tr.fail, table tr.pass, table tr.inconclusive').length;
  return { charts, waterfalls, bars: waterfalls.reduce((a, b) => a + b, 0), verdictRows };
})()`;

/** A report opened offline: what it drew, console errors/warnings and any non-file request. */
export interface OpenedReport {
  stats: PageStats;
  problems: string[];
  requests: string[];
}

/** Opens `file` in a new offline context, collects its stats, optionally screenshots it. */
export async function openReport(browser: Browser, file: string, screenshot?: string): Promise<OpenedReport> {
  const context = await browser.newContext({ offline: true });
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith('file://')) requests.push(r.url());
    });
    await page.goto(`file://${file}`);
    const stats = await page.evaluate<PageStats>(PAGE_STATS);
    if (screenshot !== undefined) await page.screenshot({ path: screenshot, fullPage: true });
    return { stats, problems, requests };
  } finally {
    await context.close();
  }
}

/**
 * Fails when the journal has traces but the page shows no waterfall for one of them, or a
 * waterfall with fewer visible bars than the trace has spans.
 */
export function assertWaterfallsDrawn(stats: PageStats, journal: Journal): void {
  assert.equal(stats.waterfalls.length, journal.traces.length, 'one waterfall per trace of the journal');
  journal.traces.forEach((trace, i) => {
    const bars = stats.waterfalls[i] ?? 0;
    assert.ok(bars > 0, `the waterfall of trace ${trace.traceId} is empty`);
    assert.equal(bars, trace.spans.length, `trace ${trace.traceId}: one visible bar per span`);
  });
}
