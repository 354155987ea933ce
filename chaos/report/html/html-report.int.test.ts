import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { sampleJournal } from '../fixtures/sample-journal.js';
import { renderJunit } from '../junit.js';
import { renderHtml } from './html-report.js';

const CHROMIUM = '/usr/bin/chromium';

interface PageStats {
  charts: { title: string; lines: number; bands: number; width: number }[];
  bars: number;
  verdictRows: number;
}

/** Runs in the page (a string, so the test needs no DOM typings): what the charts actually drew. */
const PAGE_STATS = `(() => {
  const charts = [...document.querySelectorAll('figure.chart')].map((fig) => ({
    title: fig.querySelector('figcaption')?.textContent ?? '',
    lines: [...fig.querySelectorAll('path.series')].filter((p) => (p.getAttribute('d') ?? '').includes('L')).length,
    bands: [...fig.querySelectorAll('rect.fault-band')].filter((r) => r.getBoundingClientRect().width > 0).length,
    width: fig.querySelector('svg')?.getBoundingClientRect().width ?? 0,
  }));
  const bars = [...document.querySelectorAll('figure.waterfall rect')].filter((r) => r.getBoundingClientRect().width > 0);
  const verdictRows = document.querySelectorAll('table tr.fail, table tr.pass, table tr.inconclusive').length;
  return { charts, bars: bars.length, verdictRows };
})()`;

describe('HTML report in a real headless Chromium', function () {
  let browser: Browser;
  let dir: string;

  before(async function () {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
      ],
    });
    dir = await mkdtemp(join(tmpdir(), 'faultline-report-'));
  });

  after(async function () {
    await browser?.close();
    if (process.env['FAULTLINE_KEEP_SCREENSHOT'] === undefined && dir)
      await rm(dir, { recursive: true, force: true });
  });

  it('renders the fixture journal offline with no console errors, no requests and non-empty charts', async function () {
    const file = join(dir, 'report.html');
    await writeFile(file, renderHtml(sampleJournal()));
    const context = await browser.newContext({ offline: true });
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
    await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    if (process.env['FAULTLINE_KEEP_SCREENSHOT'] !== undefined)
      process.stdout.write(`      screenshot: ${join(dir, 'report.png')}\n`);
    await context.close();

    assert.deepEqual(problems, []);
    assert.deepEqual(requests, []);
    assert.equal(stats.charts.length, 4, 'latency, throughput, error rate and one SLI chart');
    for (const chart of stats.charts) {
      assert.ok(chart.lines > 0, `chart "${chart.title}" has no drawn series`);
      assert.equal(chart.bands, 1, `chart "${chart.title}" shades the one fault window`);
      assert.ok(chart.width > 100, `chart "${chart.title}" is laid out`);
    }
    assert.equal(stats.bars, 4, 'one waterfall bar per span');
    assert.equal(stats.verdictRows, 6, 'one row per check result');
  });

  it('writes JUnit XML that a real XML parser accepts, with the skipped and failure elements in place', async function () {
    const page = await browser.newPage();
    const xml = renderJunit(sampleJournal());
    const parsed = await page.evaluate<Record<string, unknown>>(`(() => {
      const doc = new DOMParser().parseFromString(${JSON.stringify(xml)}, 'application/xml');
      const count = (sel) => doc.querySelectorAll(sel).length;
      return { errors: count('parsererror'), cases: count('testcase'), skipped: count('testcase > skipped'),
        failures: count('testcase > failure'), root: doc.documentElement.nodeName };
    })()`);
    await page.close();
    assert.deepEqual(parsed, { errors: 0, cases: 6, skipped: 1, failures: 1, root: 'testsuites' });
  });
});
